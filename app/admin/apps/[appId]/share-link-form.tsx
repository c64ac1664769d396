'use client';

import { useActionState } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { idleState } from '@/lib/ui/forms/action-state';
import { createAppShareLink, type NewShareLink } from '../../_actions/sharing';
import { Field, invalid } from '../../_components/field';
import { FormMessage } from '../../_components/form-message';
import { SubmitRow } from '../../_components/submit-row';

const EXPIRIES = [
  { seconds: 3600, label: '1 hour' },
  { seconds: 86400, label: '1 day' },
  { seconds: 604800, label: '7 days' },
  { seconds: 2592000, label: '30 days' },
];

/** Creates a share link; its URL is shown once, with a copy button. */
export function ShareLinkForm({ appId }: { appId: string }) {
  const [state, action, pending] = useActionState(createAppShareLink, idleState<NewShareLink>({ expiresIn: '604800', maxUses: '' }));
  const e = state.fieldErrors;
  return (
    <form action={action} key={state.seq} className="admin-stack" data-testid="create-share-link" noValidate>
      <input type="hidden" name="appId" value={appId} />
      <div className="form-grid">
        <Field id="share-expires" label="Expires after" error={e.expiresIn}>
          <select id="share-expires" name="expiresIn" className="select" defaultValue={state.values.expiresIn} {...invalid('share-expires', e.expiresIn)}>
            {EXPIRIES.map((x) => (
              <option key={x.seconds} value={x.seconds}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="share-max-uses" label="At most this many people (optional)" error={e.maxUses} hint="Empty: no limit.">
          <input id="share-max-uses" name="maxUses" inputMode="numeric" className="input" defaultValue={state.values.maxUses} {...invalid('share-max-uses', e.maxUses)} />
        </Field>
      </div>
      <FormMessage state={state} testId="create-share-link" />
      {state.data?.url ? (
        <p className="note" data-testid="share-link-url">
          <code>{state.data.url}</code> <CopyButton text={state.data.url} label="Copy link" />
        </p>
      ) : null}
      <SubmitRow pending={pending} label="Create link" pendingLabel="Creating…" />
    </form>
  );
}
