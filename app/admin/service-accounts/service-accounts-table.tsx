import { DataTable } from '@/app/_components/data-table';
import type { ServiceAccountListing } from '@/lib/gateway/service-accounts/service-accounts';
import { LIVE_TOKENS_PER_ACCOUNT } from '@/lib/gateway/service-accounts/service-account-input';
import { revokeServiceAccountAction, revokeServiceAccountTokenAction } from '../_actions/service-accounts';
import { ConfirmRemoval } from '../_components/confirm-form';
import { BadgeCell, NameCell, ScopesCell, TimeCell } from '../_components/cells';
import { Time } from '../_components/time';
import { AccountRowWithIssue } from './issue-token';

const COLUMNS = ['Service account', 'Scopes', 'Created', 'Last used', 'Live tokens', 'State', null];
const ended = (n: number) => (n === 0 ? null : `${n} expired or revoked`);

/** The org's service accounts: scopes, who created it when, last use, each live token with its expiry, and the actions. */
export function ServiceAccountsTable({ accounts }: { accounts: ServiceAccountListing[] }) {
  return (
    <DataTable testId="service-accounts-table" columns={COLUMNS} empty={accounts.length === 0 ? <>No service accounts yet.</> : null}>
      {accounts.map((a) =>
        a.revokedAt ? (
          <tr key={a.id} data-testid="service-account-row" data-service-account-id={a.id} data-state="revoked">
            <AccountCells account={a} />
            <td />
          </tr>
        ) : (
          <AccountRowWithIssue
            key={a.id}
            serviceAccountId={a.id}
            name={a.name}
            canIssue={a.tokens.filter((t) => t.state === 'active').length < LIVE_TOKENS_PER_ACCOUNT}
            cells={<AccountCells account={a} />}
            columns={COLUMNS.length}
            actions={
              <ConfirmRemoval action={revokeServiceAccountAction} fields={{ serviceAccountId: a.id }} verb="Revoke" name={a.name} thing="service account" testId="revoke-service-account">
                Every token of it is refused (401) from its next request. This cannot be undone.
              </ConfirmRemoval>
            }
          />
        ),
      )}
    </DataTable>
  );
}

/** Every cell of an account's row but the actions. */
function AccountCells({ account: a }: { account: ServiceAccountListing }) {
  const live = a.tokens.filter((t) => t.state === 'active');
  const endedCount = ended(a.tokens.length - live.length);
  return (
    <>
      <NameCell main={a.name} sub={a.id} mono="sub" />
      <ScopesCell scopes={a.scopes} testId="service-account-scopes" />
      <td>
        <Time at={a.createdAt} />
        <span className="cell-sub">{a.createdBy ? `by ${a.createdBy.name}` : 'by the operator (CLI)'}</span>
      </td>
      <TimeCell at={a.lastUsedAt} fallback="Never" testId="service-account-last-used" />
      <td data-testid="service-account-tokens">
        {live.length === 0 ? <span className="muted">None</span> : null}
        {live.map((t) => (
          <div key={t.id} className="token-line" data-testid="live-token" data-token-id={t.id}>
            <span className="cell-main mono">{t.prefix}…</span>
            <span className="cell-sub">
              expires <Time at={t.expiresAt} />
            </span>
            <span className="cell-sub">
              last used <Time at={t.lastUsedAt} fallback="never" />
            </span>
            <ConfirmRemoval action={revokeServiceAccountTokenAction} fields={{ tokenId: t.id }} verb="Revoke" name={`${t.prefix}…`} thing="token" trigger="Revoke token" testId="revoke-sa-token">
              Requests with this token are refused (401) from the next one.{' '}
              {live.length > 1 ? 'The account’s other token keeps working.' : 'It is the account’s only live token: issue a new one first if the pipeline still needs it.'}
            </ConfirmRemoval>
          </div>
        ))}
        {endedCount ? <span className="cell-sub">{endedCount}</span> : null}
      </td>
      <BadgeCell tone={a.revokedAt ? 'badge--bad' : 'badge--ok'} sub={a.revokedAt ? <Time at={a.revokedAt} /> : null}>
        {a.revokedAt ? 'Revoked' : 'Active'}
      </BadgeCell>
    </>
  );
}
