import type { Metadata } from 'next';
import { TitledPanel } from '@/app/_components/titled-panel';
import { listGroupMembers } from '@/lib/gateway/groups/group-members';
import { listGroups, type GroupWithCount } from '@/lib/gateway/groups/groups';
import { deleteGroupAction, removeGroupMemberAction } from '../_actions/groups';
import { ConfirmForm, ConfirmRemoval } from '../_components/confirm-form';
import { ConsolePage } from '../_components/console-page';
import { orgAdminPageWith } from '../_components/page-guard';
import { AddGroupMemberForm } from './add-group-member-form';
import { CreateGroupForm } from './create-group-form';

export const metadata: Metadata = { title: 'Groups' };

const SOURCE: Record<GroupWithCount['source'], string> = {
  console: 'Members set here',
  oidc: 'Members set by sign-ins',
  scim: 'Managed by SCIM',
};

const NOTE = (
  <>
    An app restricted to listed members (its page: “Who can open this app”) also opens to everyone in a group it lists. Someone who
    leaves a group loses the apps it opened at their next token request, unless they are let in another way.
  </>
);

// GET /admin/groups — the org's groups: create, add or remove members by email, delete (SPEC §18)
export default async function GroupsPage() {
  const [admin, groups] = await orgAdminPageWith('/admin/groups', listGroups);
  const members = new Map(await Promise.all(groups.map(async (g) => [g.id, await listGroupMembers(g.id)] as const)));
  return (
    <ConsolePage noteTestId="groups-note" lead="Open apps to whole groups." note={NOTE}>
      {groups.length === 0 ? <p data-testid="no-groups">No groups in {admin.orgName} yet.</p> : null}
      {groups.map((g) => {
        const list = members.get(g.id) ?? [];
        const titleId = `group-${g.id}`;
        return (
          <TitledPanel key={g.id} titleId={titleId} title={g.displayName}>
            <div className="admin-stack" data-testid="group" data-group-id={g.id} data-source={g.source}>
              <p>
                <span className={`badge ${g.source === 'console' ? '' : 'badge--brand'}`}>{SOURCE[g.source]}</span>{' '}
                {g.externalId !== null ? (
                  <span className="cell-sub">
                    Claim value <code>{g.externalId}</code>
                  </span>
                ) : null}{' '}
                <span data-testid="group-count">
                  {g.memberCount} member{g.memberCount === 1 ? '' : 's'}
                </span>
              </p>
              {list.length ? (
                <ul aria-label={`Members of ${g.displayName}`}>
                  {list.map((m) => (
                    <li key={m.userId} data-testid="group-member" data-user-id={m.userId}>
                      <span className="cell-main">{m.name}</span> <span className="cell-sub">{m.email}</span>
                      {g.source === 'console' ? (
                        <ConfirmRemoval action={removeGroupMemberAction} fields={{ groupId: g.id, userId: m.userId }} verb="Remove" name={`${m.name} from ${g.displayName}`} testId="remove-group-member">
                          The apps this group opened close to them at their next token request, unless they are let in another way.
                        </ConfirmRemoval>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {g.source === 'console' ? <AddGroupMemberForm groupId={g.id} groupName={g.displayName} /> : null}
              {g.source !== 'scim' ? (
                <ConfirmForm
                  action={deleteGroupAction}
                  fields={{ groupId: g.id }}
                  trigger={`Delete ${g.displayName}`}
                  title={`Delete the group ${g.displayName}?`}
                  confirmLabel="Delete"
                  testId="delete-group"
                >
                  It leaves every app’s list; its members lose the apps it opened, unless they are let in another way.
                </ConfirmForm>
              ) : (
                <p className="cell-sub">Your directory manages this group through SCIM: change it there.</p>
              )}
            </div>
          </TitledPanel>
        );
      })}
      <TitledPanel titleId="create-group-title" title="Create a group">
        <CreateGroupForm />
      </TitledPanel>
    </ConsolePage>
  );
}
