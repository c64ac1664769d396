'use client';

import { useActionState, useEffect, useRef } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { idleState } from '@/lib/ui/forms/action-state';
import { createClientSecret, type NewClientSecret } from '../../_actions/app-exchange';
import { Field, invalid } from '../../_components/field';
import { FormMessage } from '../../_components/form-message';
import { SubmitRow } from '../../_components/submit-row';
import { formatUtc } from '../../_components/time';

const DEFAULT_DAYS = '90';

/** Creates a client secret for the app; the secret is shown this once, and focus moves to it. */
export function ClientSecretForm({ appId, maxDays }: { appId: string; maxDays: number }) {
  const [state, action, pending] = useActionState(createClientSecret, idleState<NewClientSecret>({ expiresInDays: DEFAULT_DAYS }));
  const created = state.status === 'ok' ? state.data : undefined;
  const days = state.status === 'error' ? (state.values.expiresInDays ?? '') : DEFAULT_DAYS;
  const e = state.fieldErrors;
  return (
    <div className="admin-stack">
      {created ? <SecretBox secret={created.secret} expiresAt={created.expiresAt} seq={state.seq} /> : null}
      <form action={action} key={state.seq} className="admin-stack" data-testid="create-client-secret" noValidate>
        <input type="hidden" name="appId" value={appId} />
        <div className="form-grid">
          <Field id="secret-expiry" label="Client secret expires after (days)" error={e.expiresInDays} hint={`1–${maxDays}; ${DEFAULT_DAYS} if left empty.`}>
            <input id="secret-expiry" name="expiresInDays" className="input" inputMode="numeric" defaultValue={days} {...invalid('secret-expiry', e.expiresInDays)} />
          </Field>
        </div>
        {state.status === 'error' ? <FormMessage state={state} testId="create-client-secret" /> : null}
        <SubmitRow pending={pending} label="Create client secret" pendingLabel="Creating…" />
      </form>
    </div>
  );
}

function SecretBox({ secret, expiresAt, seq }: { secret: string; expiresAt: string; seq: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [seq]);
  return (
    <div className="secret-box" data-testid="new-client-secret" ref={box} tabIndex={-1} role="group" aria-labelledby="new-client-secret-title">
      <strong id="new-client-secret-title">Copy the client secret now: it is shown only this once.</strong>
      <div className="secret-box__row">
        <code data-testid="new-client-secret-value">{secret}</code>
        <CopyButton text={secret} testId="new-client-secret-copy" label="Copy client secret" />
      </div>
      <span className="field-hint">
        Expires {formatUtc(expiresAt)}. The gateway keeps only a hash of it; keep it on the app’s server (e.g. as{' '}
        <span className="mono">APP_GATEWAY_CLIENT_SECRET</span>), never in a page.
      </span>
    </div>
  );
}
