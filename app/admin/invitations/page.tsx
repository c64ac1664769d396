import type { Metadata } from 'next';
import { listInvitations } from '@/lib/gateway/orgs/invitations';
import { TitledPanel } from '@/app/_components/titled-panel';
import { ConsolePage } from '../_components/console-page';
import { orgAdminPageWith } from '../_components/page-guard';
import { InvitationsTable } from './invitations-table';
import { InviteForm } from './invite-form';

export const metadata: Metadata = { title: 'Invitations' };

// GET /admin/invitations — the org's invitations and their state; invite an email, revoke a pending one
export default async function InvitationsPage() {
  const [admin, invitations] = await orgAdminPageWith('/admin/invitations', listInvitations);
  const note = (
    <>
      An invitation names an email. The next time someone signs in with that email, verified, through any sign-in method and before it
      expires, they join {admin.orgName} with its role. Someone who already has an account can also be added at once from Members.
    </>
  );
  return (
    <ConsolePage noteTestId="invitations-note" lead={<>For people without an account, or not yet in {admin.orgName}.</>} note={note}>
      <TitledPanel titleId="invite-title" title="Invite someone">
        <InviteForm />
      </TitledPanel>
      <InvitationsTable invitations={invitations} orgName={admin.orgName} />
    </ConsolePage>
  );
}
