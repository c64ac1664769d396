'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { switchActiveOrg } from '@/app/_actions/org';

type Org = { id: string; name: string; role: 'admin' | 'member' };

/** The active-org picker in the header; the server action checks membership, then the page re-renders. */
export function OrgSwitcher({ orgs, activeOrgId }: { orgs: Org[]; activeOrgId: string | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function choose(orgId: string) {
    if (!orgId || orgId === activeOrgId || pending) return;
    setError(null);
    startTransition(async () => {
      const result = await switchActiveOrg(orgId);
      if (result.ok) router.refresh();
      else setError(result.error);
    });
  }

  return (
    <div className="org-switcher">
      <label className="org-switcher__label" htmlFor="org-switcher">
        Organization
      </label>
      <select
        id="org-switcher"
        data-testid="org-switcher"
        className="select"
        value={activeOrgId ?? ''}
        // Not disabled while switching: a disabled control drops keyboard focus.
        aria-disabled={pending}
        aria-busy={pending}
        onChange={(event) => choose(event.target.value)}
      >
        {activeOrgId === null ? (
          <option value="" disabled>
            Choose…
          </option>
        ) : null}
        {orgs.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
            {org.role === 'admin' ? ' (admin)' : ''}
          </option>
        ))}
      </select>
      {error ? (
        <span role="alert" className="org-switcher__error">
          {error}
        </span>
      ) : null}
    </div>
  );
}
