'use client';

import { useActionState } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { ScopeChoices } from '@/app/_components/scope-choices';
import { Field, invalid } from '@/app/admin/_components/field';
import { FormMessage } from '@/app/admin/_components/form-message';
import { SubmitRow } from '@/app/admin/_components/submit-row';
import { formatUtc } from '@/app/admin/_components/time';
import { API_TOKEN_SCOPES, DEFAULT_API_TOKEN_SCOPES } from '@/lib/auth/scopes';
import { idleState } from '@/lib/ui/forms/action-state';
import { createToken, type NewToken } from './actions';

type Org = { id: string; name: string; admin: boolean };

/**
 * "New token": name, org, expiry and scopes — `mint` by default; the management scopes are offered
 * only to someone who administers one of their orgs, and the action refuses them for any other org.
 */
export function CreateTokenForm({ orgs, defaultOrgId }: { orgs: Org[]; defaultOrgId: string }) {
  const initial = { name: '', orgId: defaultOrgId, expiresInDays: '30', scopes: DEFAULT_API_TOKEN_SCOPES.join(' ') };
  const administered = orgs.filter((o) => o.admin).map((o) => o.name);
  const [state, action, pending] = useActionState(createToken, idleState<NewToken>(initial));
  const values = { ...initial, ...state.values };
  const e = state.fieldErrors;
  const created = state.status === 'ok' ? state.data : undefined;
  return (
    <div className="admin-stack">
      {created ? (
        <div className="secret-box" data-testid="new-token">
          <strong>Copy your new token now: it is shown only this once.</strong>
          <div className="secret-box__row">
            <code data-testid="new-token-secret">{created.token}</code>
            <CopyButton text={created.token} testId="copy-token" />
          </div>
          <span className="field-hint">
            Bound to {created.orgName}; {created.expiresAt ? `expires ${formatUtc(created.expiresAt)}` : 'does not expire'}; scopes{' '}
            <span className="mono">{created.scopes.join(' ')}</span>. The gateway keeps only a hash of it.
          </span>
        </div>
      ) : null}
      <form action={action} key={state.seq} className="admin-stack" data-testid="create-token" data-seq={state.seq} noValidate>
        <div className="form-grid">
          <Field id="token-name" label="Name (optional)" error={e.name} hint="What it is for, e.g. “CI smoke test”.">
            <input id="token-name" name="name" className="input" defaultValue={values.name} {...invalid('token-name', e.name)} />
          </Field>
          <Field id="token-org" label="Organization" error={e.orgId} hint="The token mints only for this organization’s apps.">
            <select id="token-org" name="orgId" className="select" defaultValue={values.orgId} {...invalid('token-org', e.orgId)}>
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="token-expiry" label="Expires after (days)" error={e.expiresInDays} hint="1–365; empty for no expiry.">
            <input
              id="token-expiry"
              name="expiresInDays"
              className="input"
              inputMode="numeric"
              defaultValue={values.expiresInDays}
              {...invalid('token-expiry', e.expiresInDays)}
            />
          </Field>
        </div>
        <ScopeChoices
          legend="Scopes"
          idPrefix="token-scopes"
          scopes={administered.length > 0 ? API_TOKEN_SCOPES : DEFAULT_API_TOKEN_SCOPES}
          checked={new Set(values.scopes.split(' '))}
          hint={
            administered.length > 0
              ? `mint opens apps as you. The others open the management API, only in an organization you administer (${administered.join(', ')}), and only while you remain its admin.`
              : 'mint opens apps as you, from scripts.'
          }
          error={e.scopes}
        />
        {state.status === 'error' ? <FormMessage state={state} testId="create-token" /> : null}
        <SubmitRow pending={pending} label="Create token" pendingLabel="Creating…" />
      </form>
    </div>
  );
}
