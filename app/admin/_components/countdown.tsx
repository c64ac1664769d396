'use client';

import { useEffect, useState } from 'react';
import { duration } from '@/lib/platform/format/duration';

/** Ticks once a second until `exp` (seconds since the epoch), then says how long ago it expired. */
export function Countdown({ exp }: { exp: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  const left = Math.ceil(exp - now / 1000);
  return (
    <span
      className={`countdown${left <= 0 ? ' countdown--expired' : ''}`}
      data-testid="expiry-countdown"
      data-seconds-left={Math.max(0, left)}
      role="timer"
    >
      {left > 0 ? `Expires in ${duration(left)}` : `Expired ${duration(-left)} ago`}
    </span>
  );
}
