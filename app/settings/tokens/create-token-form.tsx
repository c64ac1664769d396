'use client';

import { CopyButton } from '@/app/_components/copy-button';
import { ScopeChoices } from '@/app/_components/scope-choices';
import { ConsoleForm } from '@/app/admin/_components/console-form';
import { useConsoleForm } from '@/app/admin/_components/use-console-form';
import { SelectField, TextField } from '@/app/admin/_components/field';
import { formatUtc } from '@/app/admin/_components/time';
import { API_TOKEN_SCOPES, DEFAULT_API_TOKEN_SCOPES } from '@/lib/auth/scopes';
import { createToken, type NewToken } from './actions';

type Org = { id: string; name: string; admin: boolean };

/**
 * "New token": name, org, expiry and scopes — `mint` by default; the management scopes are offered
 * only to someone who administers one of their orgs, and the action refuses them for any other org.
 */
export function CreateTokenForm({ orgs, defaultOrgId }: { orgs: Org[]; defaultOrgId: string }) {
  const initial = { name: '', orgId: defaultOrgId, expiresInDays: '30', scopes: DEFAULT_API_TOKEN_SCOPES.join(' ') };
  const administered = orgs.filter((o) => o.admin).map((o) => o.name);
  const { form, state, errors } = useConsoleForm<NewToken>(createToken, initial);
  const values = { ...initial, ...state.values };
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
      <ConsoleForm form={form} testId="create-token" submit={['Create token', 'Creating…']} message="error">
        <div className="form-grid">
          <TextField id="token-name" name="name" label="Name (optional)" hint="What it is for, e.g. “CI smoke test”." values={values} errors={errors} />
          <SelectField id="token-org" name="orgId" label="Organization" hint="The token mints only for this organization’s apps." values={values} errors={errors} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          <TextField id="token-expiry" name="expiresInDays" label="Expires after (days)" hint="1–365; empty for no expiry." inputMode="numeric" values={values} errors={errors} />
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
          error={errors.scopes}
        />
      </ConsoleForm>
    </div>
  );
}
