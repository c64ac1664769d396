'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { switchActiveOrg } from '@/app/_actions/org';

export function SwitchOrgButton({ orgId, orgName }: { orgId: string; orgName: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn btn--secondary btn--small"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await switchActiveOrg(orgId);
            setError(result.ok ? null : result.error);
            if (result.ok) router.refresh();
          })
        }
      >
        {pending ? 'Switching…' : `Switch to ${orgName}`}
      </button>
      {error ? <span role="alert"> {error}</span> : null}
    </>
  );
}
