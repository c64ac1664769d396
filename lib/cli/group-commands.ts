import { orgMembersByEmail } from '@/lib/gateway/access/app-access';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { refusal, type Refusal } from '@/lib/gateway/errors';
import { addGroupMembers, listGroupMembers, removeGroupMembers } from '@/lib/gateway/groups/group-members';
import { createGroup, deleteGroup, findGroup, listGroups, updateGroup, type Group } from '@/lib/gateway/groups/groups';
import { UsageError, type Subcommand, type Values } from './args';

// `group …` (SPEC §18): the operator manages an org's console groups, and the names of its oidc
// groups; a group is found by its id alone, as `app access` finds an app.

const describeGroup = (g: Group) =>
  [g.id, JSON.stringify(g.displayName), g.source, g.externalId === null ? null : `external id ${JSON.stringify(g.externalId)}`].filter(Boolean).join('  ');

const noGroup = (groupId: string) => refusal('not_found', `No group with id ${groupId}.`);
const emailsOf = (values: Values) => ((values.email as string[] | undefined) ?? []).map((e) => e.trim()).filter(Boolean);

/** A subcommand about the group `<groupId>` names; refused (not_found) when there is none. */
function aboutGroup(spec: Omit<Subcommand, 'run' | 'positionals'>, run: (group: Group, values: Values) => Promise<void | Refusal>): Subcommand {
  return {
    ...spec,
    positionals: ['groupId'],
    async run(values, [groupId]) {
      const group = await findGroup(null, groupId!);
      return group ? run(group, values) : noGroup(groupId!);
    },
  };
}

async function printMembers(group: Group): Promise<void> {
  console.log(describeGroup(group));
  for (const m of await listGroupMembers(group.id)) console.log(['  member', m.userId, m.email, m.name].join('  '));
}

/** `group add|remove <groupId> --email …`: each email must be a member's of the group's org. */
async function changeMembers(group: Group, values: Values, how: 'add' | 'remove'): Promise<void | Refusal> {
  const emails = emailsOf(values);
  if (!emails.length) throw new UsageError(`Name at least one person: group ${how} <groupId> --email <email> [--email <email> ...]`);
  const { ids, unknown } = await orgMembersByEmail(group.orgId, emails);
  if (unknown.length) return refusal('invalid_request', `Not a member of ${group.orgId}: ${unknown.join(', ')}. Nothing was changed.`);
  const call = { orgId: group.orgId, via: 'console' as const, actor: OPERATOR, groupId: group.id, userIds: ids };
  const result = how === 'add' ? await addGroupMembers(call) : await removeGroupMembers(call);
  if (!result.ok) return result;
  const n = how === 'add' ? result.added.length : result.removed.length;
  console.log(n ? `${how === 'add' ? 'Added' : 'Removed'} ${n}.` : 'No change.');
  await printMembers(result.group);
}

const create: Subcommand = {
  usage: 'group create --org <orgId> --name <text> [--oidc <external id>]   a console group (with --oidc: one whose members OIDC sign-ins set)',
  options: { org: { type: 'string' }, name: { type: 'string' }, oidc: { type: 'string' } },
  async run(values) {
    if (typeof values.org !== 'string' || typeof values.name !== 'string') throw new UsageError(`--org and --name are required.\nUsage: ${create.usage}`);
    const oidc = typeof values.oidc === 'string' ? values.oidc : null;
    const made = await createGroup({ orgId: values.org, via: 'console', actor: OPERATOR, displayName: values.name, externalId: oidc, source: oidc === null ? 'console' : 'oidc' });
    if (!made.ok) return made;
    console.log(`Created ${describeGroup(made.group)}`);
  },
};

const list: Subcommand = {
  usage: 'group list --org <orgId>   the org’s groups',
  options: { org: { type: 'string' } },
  async run(values) {
    if (typeof values.org !== 'string') throw new UsageError(`--org is required.\nUsage: ${list.usage}`);
    const groups = await listGroups(values.org);
    if (!groups.length) console.log(`No groups in ${values.org}.`);
    for (const g of groups) console.log(`${describeGroup(g)}  ${g.memberCount} member${g.memberCount === 1 ? '' : 's'}`);
  },
};

const show = aboutGroup({ usage: 'group show <groupId>   the group and its members' }, printMembers);

const add = aboutGroup(
  { usage: 'group add <groupId> --email <email> ...   add members of the group’s org', options: { email: { type: 'string', multiple: true } } },
  async (group, values) => changeMembers(group, values, 'add'),
);

const remove = aboutGroup(
  { usage: 'group remove <groupId> --email <email> ...   remove people (they lose the apps it opened, unless admitted another way)', options: { email: { type: 'string', multiple: true } } },
  async (group, values) => changeMembers(group, values, 'remove'),
);

const rename = aboutGroup({ usage: 'group rename <groupId> --name <text>', options: { name: { type: 'string' } } }, async (group, values) => {
  if (typeof values.name !== 'string') throw new UsageError(`--name is required.\nUsage: ${rename.usage}`);
  const result = await updateGroup({ orgId: group.orgId, via: 'console', actor: OPERATOR, groupId: group.id, displayName: values.name });
  if (!result.ok) return result;
  console.log(result.changed ? `Renamed: ${describeGroup(result.group)}` : 'No change.');
});

const remove_ = aboutGroup({ usage: 'group delete <groupId>   delete it (it leaves every app’s rule; its members lose the apps it opened)' }, async (group) => {
  const result = await deleteGroup({ orgId: group.orgId, via: 'console', actor: OPERATOR, groupId: group.id });
  if (!result.ok) return result;
  console.log(`Deleted ${describeGroup(result.deleted)}`);
});

export const groupCommands = { create, list, show, add, remove, rename, delete: remove_ };
