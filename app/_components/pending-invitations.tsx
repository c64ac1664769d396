import type { OpenInvitation } from '@/lib/gateway/orgs/invitation-responses';
import { answerInvitationFromHome } from '../_actions/invitations';
import { HomeSection } from './home-section';

/** The invitations waiting for the viewer's answer: nobody joins an org without accepting. */
export function PendingInvitations({ invitations }: { invitations: OpenInvitation[] }) {
  if (invitations.length === 0) return null;
  return (
    <HomeSection testId="pending-invitations" titleId="pending-invitations-title" title="Invitations">
      <ul className="invitation-list">
        {invitations.map((inv) => (
          <li key={inv.id} className="card invitation-offer" data-testid="invitation-offer" data-invitation-id={inv.id} data-org-id={inv.orgId}>
            <p>
              {inv.inviterName ?? 'An admin'} invites you to join <strong>{inv.orgName}</strong> as {inv.role === 'admin' ? 'an admin' : 'a member'}.{' '}
              <span className="muted">Open until {inv.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.</span>
            </p>
            <form action={answerInvitationFromHome} className="invitation-offer__actions">
              <input type="hidden" name="invitationId" value={inv.id} />
              <button type="submit" name="answer" value="accept" className="btn btn--primary btn--small">
                Accept
              </button>
              <button type="submit" name="answer" value="decline" className="btn btn--secondary btn--small">
                Decline
              </button>
            </form>
          </li>
        ))}
      </ul>
    </HomeSection>
  );
}
