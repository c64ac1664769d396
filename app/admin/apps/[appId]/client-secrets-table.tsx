import { DataTable } from '@/app/_components/data-table';
import type { CredentialListing } from '@/lib/gateway/exchange/credentials';
import { revokeClientSecret } from '../../_actions/app-exchange';
import { ConfirmRemoval } from '../../_components/confirm-form';
import { BadgeCell, NameCell, TimeCell } from '../../_components/cells';

const COLUMNS = ['Client secret', 'Created', 'Last used', 'Expires', 'State', null];
const stateOf = (c: CredentialListing) => (c.revokedAt ? 'revoked' : c.live ? 'live' : 'expired');

/** The app's client secrets, newest first, by their first characters (never the secrets themselves). */
export function ClientSecretsTable({ credentials }: { credentials: CredentialListing[] }) {
  const live = credentials.filter((c) => c.live && !c.proxyResourceId).length;
  return (
    <DataTable testId="client-secrets-table" columns={COLUMNS} empty={credentials.length === 0 ? <>No client secrets yet.</> : null}>
      {credentials.map((c) => (
        <tr key={c.id} data-testid="client-secret-row" data-credential-id={c.id} data-state={stateOf(c)}>
          <NameCell main={<>{c.prefix}…</>} sub={c.id} mono="both">
            {c.proxyResourceId ? (
              <span className="cell-sub" data-testid="client-secret-proxy">
                The artifact proxy’s, for {c.proxyResourceId}
              </span>
            ) : null}
          </NameCell>
          <TimeCell at={c.createdAt} />
          <TimeCell at={c.lastUsedAt} fallback="Never" testId="client-secret-last-used" />
          <TimeCell at={c.expiresAt} />
          <BadgeCell tone={c.live ? 'badge--ok' : 'badge--bad'}>{c.revokedAt ? 'Revoked' : c.live ? 'Live' : 'Expired'}</BadgeCell>
          <td>
            {c.live ? (
              <ConfirmRemoval action={revokeClientSecret} fields={{ credentialId: c.id }} verb="Revoke" name={`${c.prefix}…`} thing="client secret" testId="revoke-client-secret">
                Exchanges with it are refused from the next one, and the app’s tokens issued until now are revoked.{' '}
                {live > 1 ? 'Its other secret keeps working.' : 'It is the app’s only live secret.'}
              </ConfirmRemoval>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
