'use client';

import { useEffect, useRef } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { formatUtc } from '../_components/time';

/**
 * A service-account token, shown this once with a copy button. Focus moves to it when it appears,
 * so a keyboard or screen-reader user lands on the one thing they must do next.
 */
export function NewTokenBox({ token, expiresAt, seq, testId }: { token: string; expiresAt: string; seq: number; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [seq]);
  return (
    <div className="secret-box" data-testid={testId} ref={box} tabIndex={-1} role="group" aria-labelledby={`${testId}-title`}>
      <strong id={`${testId}-title`}>Copy the token now: it is shown only this once.</strong>
      <div className="secret-box__row">
        <code data-testid={`${testId}-secret`}>{token}</code>
        <CopyButton text={token} testId={`${testId}-copy`} label="Copy token" />
      </div>
      <span className="field-hint">
        Expires {formatUtc(expiresAt)}. The gateway keeps only a hash of it; give it to the pipeline as{' '}
        <span className="mono">Authorization: Bearer agw_sa_…</span>
      </span>
    </div>
  );
}
