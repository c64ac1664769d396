import { DataTable } from '@/app/_components/data-table';
import type { GuestSessionRow, ShareLinkRow, ShareLinkState } from '@/lib/gateway/sharing/share-links';
import { endGuestSession, revokeAppShareLink } from '../../_actions/sharing';
import { ConfirmRemoval } from '../../_components/confirm-form';
import { ActionsCell, BadgeCell, NameCell, SessionTimeCells, TimeCell } from '../../_components/cells';
import { Time } from '../../_components/time';

const STATE_WORDS: Record<ShareLinkState, { word: string; badge: string }> = {
  active: { word: 'Active', badge: 'badge--ok' },
  expired: { word: 'Expired', badge: '' },
  revoked: { word: 'Revoked', badge: 'badge--bad' },
  used_up: { word: 'Used up', badge: '' },
};

export function ShareLinksTable({ links }: { links: ShareLinkRow[] }) {
  return (
    <DataTable testId="share-links-table" columns={['Link', 'State', 'People', 'Last used', 'Expires', null]} empty={links.length === 0 ? <>No share links yet.</> : null}>
      {links.map((l) => (
        <tr key={l.id} data-testid="share-link-row" data-share-id={l.id} data-state={l.state}>
          <td>
            <span className="cell-main mono">{l.id}</span>
            <span className="cell-sub">
              created <Time at={l.createdAt} />
              {l.createdByName ? ` by ${l.createdByName}` : ''}
            </span>
          </td>
          <BadgeCell tone={STATE_WORDS[l.state].badge}>{STATE_WORDS[l.state].word}</BadgeCell>
          <td>
            <span className="cell-main" data-testid="share-link-uses">
              {l.uses}
              {l.maxUses === null ? '' : ` of ${l.maxUses}`}
            </span>
            <span className="cell-sub">{l.liveSessions} in a session now</span>
          </td>
          <TimeCell at={l.lastUsedAt} fallback="never" />
          <TimeCell at={l.expiresAt} />
          <ActionsCell>
            {l.state === 'revoked' ? null : (
              <ConfirmRemoval action={revokeAppShareLink} fields={{ shareId: l.id }} verb="Revoke" name={l.id} testId="revoke-share-link">
                The link opens nothing from now on, and everyone who came in with it loses the app within seconds.
              </ConfirmRemoval>
            )}
          </ActionsCell>
        </tr>
      ))}
    </DataTable>
  );
}

export function GuestSessionsTable({ appId, sessions }: { appId: string; sessions: GuestSessionRow[] }) {
  return (
    <DataTable testId="guest-sessions-table" columns={['Guest', 'Came in', 'Started', 'Last used', 'Ends', null]} empty={sessions.length === 0 ? <>Nobody outside the org has this app open.</> : null}>
      {sessions.map((s) => (
        <tr key={s.id} data-testid="guest-session-row" data-guest-session-id={s.id}>
          <NameCell main={<>{s.name ?? 'Guest'}{s.signedIn ? '' : ' (anonymous)'}</>} sub={s.email ?? s.id} />
          <td>{s.via === 'public' ? 'Public app' : <span className="mono">{s.shareId}</span>}</td>
          <SessionTimeCells session={s} />
          <ActionsCell>
            <ConfirmRemoval action={endGuestSession} fields={{ guestSessionId: s.id, appId }} verb="End" name="this guest’s session" thing="session" trigger="End session" testId="end-guest-session">
              Their view of the app closes within seconds; to come back they need a link again.
            </ConfirmRemoval>
          </ActionsCell>
        </tr>
      ))}
    </DataTable>
  );
}
