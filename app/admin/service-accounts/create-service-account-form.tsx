'use client';

import { ScopeChoices } from '@/app/_components/scope-choices';
import { MANAGEMENT_SCOPES } from '@/lib/auth/scopes';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '@/lib/gateway/service-accounts/service-account-input';
import { createServiceAccountAction, type IssuedToken } from '../_actions/service-accounts';
import { ConsoleForm } from '../_components/console-form';
import { useConsoleForm } from '../_components/use-console-form';
import { DaysField, TextField } from '../_components/field';
import { NewTokenBox } from './new-token-box';

const INITIAL = { name: '', scopes: 'apps:read apps:write', expiresInDays: String(DEFAULT_TOKEN_DAYS) };

/** "New service account": name, scopes, the first token's life; the token is shown once. A refusal keeps what was typed and ticked. */
export function CreateServiceAccountForm() {
  const { form, state, errors } = useConsoleForm<IssuedToken>(createServiceAccountAction, INITIAL);
  // After a success the form starts over; after a refusal it shows what was sent.
  const values = state.status === 'ok' ? INITIAL : { ...INITIAL, ...state.values };
  const created = state.status === 'ok' ? state.data : undefined;
  return (
    <div className="admin-stack">
      {created ? <NewTokenBox token={created.token} expiresAt={created.expiresAt} seq={state.seq} testId="new-sa-token" /> : null}
      <ConsoleForm form={form} testId="create-service-account" submit={['Create service account', 'Creating…']} message="error">
        <div className="form-grid">
          <TextField id="sa-name" name="name" label="Name" hint="What uses it, e.g. “AI platform pipeline”." values={values} errors={errors} />
          <DaysField id="sa-expiry" label="Token expires after (days)" max={MAX_TOKEN_DAYS} fallback={DEFAULT_TOKEN_DAYS} values={values} errors={errors} />
        </div>
        <ScopeChoices
          legend="Scopes"
          idPrefix="sa-scopes"
          scopes={MANAGEMENT_SCOPES}
          checked={new Set(values.scopes.split(' '))}
          hint="What its tokens may do in the management API. A service account never mints viewer tokens."
          error={errors.scopes}
        />
      </ConsoleForm>
    </div>
  );
}
