import { ConfirmRemoval } from '@/app/admin/_components/confirm-form';
import { ActionsCell, BadgeCell, NameCell, ScopesCell, TimeCell } from '@/app/admin/_components/cells';
import type { ApiTokenListing } from '@/lib/auth/api-tokens/api-tokens';
import { DataTable } from '@/app/_components/data-table';
import { revokeToken } from './actions';

type TokenState = 'active' | 'expired' | 'revoked';

function stateOf(t: ApiTokenListing, now: Date): TokenState {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt && t.expiresAt <= now) return 'expired';
  return 'active';
}

const BADGE: Record<TokenState, string> = { active: 'badge--ok', expired: 'badge--warn', revoked: 'badge--bad' };

export function TokensTable({ tokens }: { tokens: ApiTokenListing[] }) {
  const now = new Date();
  return (
    <DataTable testId="tokens-table" columns={['Token', 'Organization', 'Scopes', 'Created', 'Last used', 'Expires', 'State', null]} empty={tokens.length === 0 ? <>No API tokens yet.</> : null}>
      {tokens.map((t) => {
        const state = stateOf(t, now);
        return (
          <tr key={t.id} data-testid="token-row" data-token-id={t.id} data-state={state}>
            <NameCell main={<>{t.prefix}…</>} sub={t.name || 'Unnamed'} mono="main" />
            <td>{t.orgName}</td>
            <ScopesCell scopes={t.scopes} testId="token-scopes" />
            <TimeCell at={t.createdAt} />
            <TimeCell at={t.lastUsedAt} fallback="Never" testId="token-last-used" />
            <TimeCell at={t.expiresAt} fallback="Never" />
            <BadgeCell tone={BADGE[state]}>{state[0]!.toUpperCase() + state.slice(1)}</BadgeCell>
            <ActionsCell>
              {state === 'revoked' ? null : (
                <ConfirmRemoval action={revokeToken} fields={{ id: t.id }} verb="Revoke" name={`${t.prefix}…`} thing="token" testId="revoke-token">
                  Anything using it is refused (401) from its next request. This cannot be undone.
                </ConfirmRemoval>
              )}
            </ActionsCell>
          </tr>
        );
      })}
    </DataTable>
  );
}
