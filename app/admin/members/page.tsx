import type { Metadata } from 'next';
import { listOrgMembers } from '@/lib/gateway/orgs/org-members';
import { countActiveSessions } from '@/lib/auth/sessions/session-store';
import { DataTable } from '@/app/_components/data-table';
import { TitledPanel } from '@/app/_components/titled-panel';
import { removeMember, setMemberRole } from '../_actions/members';
import { ConfirmForm, ConfirmRemoval } from '../_components/confirm-form';
import { ConsolePage } from '../_components/console-page';
import { orgAdminPageWith } from '../_components/page-guard';
import { ActionsCell, BadgeCell, TimeCell } from '../_components/cells';
import { AddMemberForm } from './add-member-form';

export const metadata: Metadata = { title: 'Members' };

const NOTE = (
  <>
    The gateway reads membership at every mint: someone you remove is refused (404) the next time their viewer asks for a token, and
    a new role counts from their next request. Tokens already handed out live at most their few minutes.
  </>
);

// GET /admin/members — the org's members and roles; change a role, remove, invite
export default async function MembersPage() {
  const [admin, members] = await orgAdminPageWith('/admin/members', listOrgMembers);
  const sessionCounts = await countActiveSessions(members.map((m) => m.userId));
  const org = admin.orgName;
  return (
    <ConsolePage noteTestId="members-note" lead="Changes apply at once." note={NOTE}>
      <DataTable testId="members-table" columns={['Member', 'Role', 'Active sessions', 'Joined', null]}>
        {members.map((m) => {
          const you = m.userId === admin.viewer.id;
          const name = you ? 'yourself' : m.name;
          const next = m.role === 'admin' ? 'member' : 'admin';
          return (
            <tr key={m.userId} data-testid="member-row" data-user-id={m.userId} data-role={m.role}>
              <td>
                <span className="cell-main">
                  {m.name}
                  {you ? ' (you)' : ''}
                </span>
                <span className="cell-sub">{m.email}</span>
              </td>
              <BadgeCell tone={m.role === 'admin' ? 'badge--brand' : ''}>{m.role === 'admin' ? 'Admin' : 'Member'}</BadgeCell>
              <td data-testid="member-sessions">{sessionCounts.get(m.userId) ?? 0}</td>
              <TimeCell at={m.joinedAt} />
              <ActionsCell>
                <ConfirmForm
                  action={setMemberRole}
                  fields={{ userId: m.userId, role: next }}
                  trigger={next === 'admin' ? 'Make admin' : 'Make member'}
                  title={next === 'admin' ? `Make ${name} an admin of ${org}?` : `Make ${name} a member of ${org}?`}
                  confirmLabel={next === 'admin' ? 'Make admin' : 'Make member'}
                  tone={next === 'admin' ? 'primary' : 'danger'}
                  testId="change-role"
                >
                  {next === 'admin'
                    ? `They can then manage ${org}’s apps and members and read its audit log, from their next page load.`
                    : `From their next request they lose the admin console${you ? ': this page will be closed to you' : ''}. They can still open ${org}’s apps.`}
                </ConfirmForm>
                <ConfirmRemoval action={removeMember} fields={{ userId: m.userId }} verb="Remove" name={`${name} from ${org}`} testId="remove-member">
                  Their next token request for any {org} app is refused (404), even in a viewer that is open right
                  now, and the revocation feed tells artifacts at once. Their API tokens for {org} stop working too.
                </ConfirmRemoval>
              </ActionsCell>
            </tr>
          );
        })}
      </DataTable>
      <TitledPanel titleId="add-member-title" title="Invite a member">
        <AddMemberForm />
      </TitledPanel>
    </ConsolePage>
  );
}
