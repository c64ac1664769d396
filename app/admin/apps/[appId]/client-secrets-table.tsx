import { DataTable } from '@/app/_components/data-table';
import type { CredentialListing } from '@/lib/gateway/exchange/credentials';
import { revokeClientSecret } from '../../_actions/app-exchange';
import { ConfirmForm } from '../../_components/confirm-form';
import { Time } from '../../_components/time';

const COLUMNS = ['Client secret', 'Created', 'Last used', 'Expires', 'State', null];
const stateOf = (c: CredentialListing) => (c.revokedAt ? 'revoked' : c.live ? 'live' : 'expired');

/** The app's client secrets, newest first, by their first characters (never the secrets themselves). */
export function ClientSecretsTable({ credentials }: { credentials: CredentialListing[] }) {
  const live = credentials.filter((c) => c.live && !c.proxyResourceId).length;
  return (
    <DataTable testId="client-secrets-table" columns={COLUMNS} empty={credentials.length === 0 ? <>No client secrets yet.</> : null}>
      {credentials.map((c) => (
        <tr key={c.id} data-testid="client-secret-row" data-credential-id={c.id} data-state={stateOf(c)}>
          <td>
            <span className="cell-main mono">{c.prefix}…</span>
            <span className="cell-sub mono">{c.id}</span>
            {c.proxyResourceId ? (
              <span className="cell-sub" data-testid="client-secret-proxy">
                The artifact proxy’s, for {c.proxyResourceId}
              </span>
            ) : null}
          </td>
          <td>
            <Time at={c.createdAt} />
          </td>
          <td data-testid="client-secret-last-used">
            <Time at={c.lastUsedAt} fallback="Never" />
          </td>
          <td>
            <Time at={c.expiresAt} />
          </td>
          <td>
            <span className={`badge ${c.live ? 'badge--ok' : 'badge--bad'}`}>{c.revokedAt ? 'Revoked' : c.live ? 'Live' : 'Expired'}</span>
          </td>
          <td>
            {c.live ? (
              <ConfirmForm
                action={revokeClientSecret}
                fields={{ credentialId: c.id }}
                trigger="Revoke"
                title={`Revoke ${c.prefix}…?`}
                confirmLabel="Revoke client secret"
                testId="revoke-client-secret"
              >
                Exchanges with it are refused from the next one, and the app’s tokens issued until now are revoked.{' '}
                {live > 1 ? 'Its other secret keeps working.' : 'It is the app’s only live secret.'}
              </ConfirmForm>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
