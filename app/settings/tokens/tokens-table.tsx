import { ConfirmForm } from '@/app/admin/_components/confirm-form';
import { Time } from '@/app/admin/_components/time';
import type { ApiTokenListing } from '@/lib/auth/api-tokens';
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
    <div className="table-wrap">
      <table className="data-table" data-testid="tokens-table">
        <thead>
          <tr>
            <th>Token</th>
            <th>Organization</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th>State</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 ? (
            <tr>
              <td colSpan={7} className="empty-row">
                No API tokens yet.
              </td>
            </tr>
          ) : null}
          {tokens.map((t) => {
            const state = stateOf(t, now);
            return (
              <tr key={t.id} data-testid="token-row" data-token-id={t.id} data-state={state}>
                <td>
                  <span className="cell-main mono">{t.prefix}…</span>
                  <span className="cell-sub">{t.name || 'Unnamed'}</span>
                </td>
                <td>{t.orgName}</td>
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
        </tbody>
      </table>
    </div>
  );
}
