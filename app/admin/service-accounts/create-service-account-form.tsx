'use client';

import { useActionState } from 'react';
import { ScopeChoices } from '@/app/_components/scope-choices';
import { MANAGEMENT_SCOPES } from '@/lib/auth/scopes';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '@/lib/gateway/service-accounts/service-account-input';
import { idleState } from '@/lib/ui/forms/action-state';
import { createServiceAccountAction, type IssuedToken } from '../_actions/service-accounts';
import { Field, invalid } from '../_components/field';
import { FormMessage } from '../_components/form-message';
import { SubmitRow } from '../_components/submit-row';
import { NewTokenBox } from './new-token-box';

const INITIAL = { name: '', scopes: 'apps:read apps:write', expiresInDays: String(DEFAULT_TOKEN_DAYS) };

/** "New service account": name, scopes, the first token's life; the token is shown once. A refusal keeps what was typed and ticked. */
export function CreateServiceAccountForm() {
  const [state, action, pending] = useActionState(createServiceAccountAction, idleState<IssuedToken>(INITIAL));
  // After a success the form starts over; after a refusal it shows what was sent.
  const values = state.status === 'ok' ? INITIAL : { ...INITIAL, ...state.values };
  const e = state.fieldErrors;
  const created = state.status === 'ok' ? state.data : undefined;
  return (
    <div className="admin-stack">
      {created ? <NewTokenBox token={created.token} expiresAt={created.expiresAt} seq={state.seq} testId="new-sa-token" /> : null}
      <form action={action} key={state.seq} className="admin-stack" data-testid="create-service-account" data-seq={state.seq} noValidate>
        <div className="form-grid">
          <Field id="sa-name" label="Name" error={e.name} hint="What uses it, e.g. “AI platform pipeline”.">
            <input id="sa-name" name="name" className="input" defaultValue={values.name} {...invalid('sa-name', e.name)} />
          </Field>
          <Field id="sa-expiry" label="Token expires after (days)" error={e.expiresInDays} hint={`1–${MAX_TOKEN_DAYS}; ${DEFAULT_TOKEN_DAYS} if left empty.`}>
            <input id="sa-expiry" name="expiresInDays" className="input" inputMode="numeric" defaultValue={values.expiresInDays} {...invalid('sa-expiry', e.expiresInDays)} />
          </Field>
        </div>
        <ScopeChoices
          legend="Scopes"
          idPrefix="sa-scopes"
          scopes={MANAGEMENT_SCOPES}
          checked={new Set(values.scopes.split(' '))}
          hint="What its tokens may do in the management API. A service account never mints viewer tokens."
          error={e.scopes}
        />
        {state.status === 'error' ? <FormMessage state={state} testId="create-service-account" /> : null}
        <SubmitRow pending={pending} label="Create service account" pendingLabel="Creating…" />
      </form>
    </div>
  );
}
