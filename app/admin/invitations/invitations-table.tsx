import type { InvitationState, ListedInvitation } from '@/lib/gateway/orgs/invitations';
import { DataTable } from '@/app/_components/data-table';
import { revokePendingInvitation } from '../_actions/invitations';
import { ConfirmRemoval } from '../_components/confirm-form';
import { ActionsCell, BadgeCell, TimeCell } from '../_components/cells';
import { Time } from '../_components/time';

const STATE: Record<InvitationState, { label: string; tone: string; when: (i: ListedInvitation) => Date | null; verb: string }> = {
  pending: { label: 'Pending', tone: 'badge--info', when: (i) => i.expiresAt, verb: 'Expires' },
  accepted: { label: 'Accepted', tone: 'badge--ok', when: (i) => i.acceptedAt, verb: 'Accepted' },
  declined: { label: 'Declined', tone: 'badge--warn', when: (i) => i.declinedAt, verb: 'Declined' },
  expired: { label: 'Expired', tone: 'badge--warn', when: (i) => i.expiresAt, verb: 'Expired' },
  revoked: { label: 'Revoked', tone: 'badge--bad', when: (i) => i.revokedAt, verb: 'Revoked' },
};

export function InvitationsTable({ invitations, orgName }: { invitations: ListedInvitation[]; orgName: string }) {
  return (
    <DataTable testId="invitations-table" columns={['Email', 'Role', 'State', 'Invited by', 'Invited', 'Expires / answered / revoked', null]} empty={invitations.length === 0 ? <>No invitations yet.</> : null}>
      {invitations.map((i) => {
        const state = STATE[i.state];
        return (
          <tr key={i.id} data-testid="invitation-row" data-invitation-id={i.id} data-email={i.email.toLowerCase()} data-state={i.state}>
            <td>
              <span className="cell-main">{i.email}</span>
            </td>
            <BadgeCell tone={i.role === 'admin' ? 'badge--brand' : ''}>{i.role === 'admin' ? 'Admin' : 'Member'}</BadgeCell>
            <BadgeCell tone={state.tone}>{state.label}</BadgeCell>
            <td>
              {i.inviterName ? (
                <>
                  <span className="cell-main">{i.inviterName}</span>
                  <span className="cell-sub">{i.inviterEmail}</span>
                </>
              ) : (
                <span className="muted" title="From the command line, or by an account that no longer exists">
                  —
                </span>
              )}
            </td>
            <TimeCell at={i.createdAt} />
            <td>
              <span className="cell-sub">{state.verb}</span>
              <Time at={state.when(i)} />
            </td>
            <ActionsCell>
              {i.state === 'pending' ? (
                <ConfirmRemoval action={revokePendingInvitation} fields={{ invitationId: i.id }} verb="Revoke" name={`the invitation for ${i.email}`} testId="revoke-invitation">
                  Signing in with this email will no longer make them a member of {orgName}. You can invite them again later.
                </ConfirmRemoval>
              ) : null}
            </ActionsCell>
          </tr>
        );
      })}
    </DataTable>
  );
}
