import { ConfirmForm } from '@/app/admin/_components/confirm-form';
import { Time } from '@/app/admin/_components/time';
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
            <td>
              <span className="cell-main mono">{t.prefix}…</span>
              <span className="cell-sub">{t.name || 'Unnamed'}</span>
            </td>
            <td>{t.orgName}</td>
            <td data-testid="token-scopes">
              {t.scopes.map((s) => (
                <span key={s} className="cell-sub mono">
                  {s}
                </span>
              ))}
            </td>
            <td>
              <Time at={t.createdAt} />
            </td>
            <td data-testid="token-last-used">
              <Time at={t.lastUsedAt} fallback="Never" />
            </td>
            <td>
              <Time at={t.expiresAt} fallback="Never" />
            </td>
            <td>
              <span className={`badge ${BADGE[state]}`}>{state[0]!.toUpperCase() + state.slice(1)}</span>
            </td>
            <td>
              {state === 'revoked' ? null : (
                <div className="cell-actions">
                  <ConfirmForm
                    action={revokeToken}
                    fields={{ id: t.id }}
                    trigger="Revoke"
                    title={`Revoke ${t.prefix}…?`}
                    confirmLabel="Revoke token"
                    testId="revoke-token"
                  >
                    Anything using it is refused (401) from its next request. This cannot be undone.
                  </ConfirmForm>
                </div>
              )}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
