import { z } from 'zod';
import type { ManagementCaller } from '@/lib/auth/management-caller';
import { orgMembersByEmail } from '../access/app-access';
import { refusal, validationFailed, type Result } from '../errors';
import { addGroupMembers, listGroupMembers, removeGroupMembers, type GroupMember } from '../groups/group-members';
import { createGroup, deleteGroup, findGroup, listGroups, updateGroup, type Group, type GroupCall } from '../groups/groups';
import type { ClientInfo } from './app-write-refusal';
import { fieldErrorsOf } from './field-errors';

// The management API's groups (SPEC §18, scope groups:write): an org's console groups, and the
// names of its oidc groups; scim groups are shown, and changed by the org's SCIM client only.

export const GroupBody = z.strictObject({
  display_name: z.string({ error: 'Expected the group’s name.' }).meta({ description: '1–200 characters, one line.', example: 'Finance' }),
  source: z.enum(['console', 'oidc'], { error: 'Expected console or oidc.' }).default('console').meta({
    description: '`console`: its members are set here; `oidc`: its members are set by each OIDC sign-in’s groups claim (its `external_id` among the values), in orgs the operator bound to the issuer.',
  }),
  external_id: z.string().nullable().default(null).meta({ description: 'For an oidc group: the value of the groups claim it stands for, matched exactly (at most 256 characters).' }),
});
export const GroupRename = z.strictObject({ display_name: z.string({ error: 'Expected the group’s name.' }) });
export const MemberBody = z.strictObject({ email: z.string({ error: 'Expected the email of a member of the org.' }).max(320) });

export type GroupDocument = {
  id: string;
  org_id: string;
  display_name: string;
  external_id: string | null;
  source: Group['source'];
  member_count?: number;
  created_at: string;
  updated_at: string;
};
type MemberDocument = { id: string; name: string; email: string; added_at: string };

const groupDocument = (g: Group & { memberCount?: number }): GroupDocument => ({
  id: g.id,
  org_id: g.orgId,
  display_name: g.displayName,
  external_id: g.externalId,
  source: g.source,
  ...(g.memberCount === undefined ? {} : { member_count: g.memberCount }),
  created_at: g.createdAt.toISOString(),
  updated_at: g.updatedAt.toISOString(),
});
const memberDocument = (m: GroupMember): MemberDocument => ({ id: m.userId, name: m.name, email: m.email, added_at: m.addedAt.toISOString() });

const call = (caller: ManagementCaller, client: ClientInfo): GroupCall => ({ orgId: caller.orgId, via: 'console', actor: caller.actor, client });
const noGroup = () => refusal('not_found', 'No such group.');

/** GET …/groups: the org's groups by name, with their member counts. */
export async function listOrgGroups(caller: ManagementCaller): Promise<Result<{ groups: GroupDocument[] }>> {
  return { ok: true, groups: (await listGroups(caller.orgId)).map(groupDocument) };
}

/** POST …/groups: a console group, or an oidc group with its external id. */
export async function createOrgGroup(caller: ManagementCaller, body: unknown, client: ClientInfo): Promise<Result<{ group: GroupDocument }>> {
  const parsed = GroupBody.safeParse(body);
  if (!parsed.success) return validationFailed(fieldErrorsOf(parsed.error));
  const { display_name, source, external_id } = parsed.data;
  if (source === 'console' && external_id !== null) return validationFailed([{ pointer: '#/external_id', detail: 'Only an oidc group has an external id here.' }]);
  const made = await createGroup({ ...call(caller, client), displayName: display_name, source, externalId: external_id });
  return made.ok ? { ok: true, group: groupDocument(made.group) } : made;
}

/** GET …/groups/{groupId}: the group and its members. */
export async function getOrgGroup(caller: ManagementCaller, groupId: string): Promise<Result<{ group: GroupDocument; members: MemberDocument[] }>> {
  const group = await findGroup(caller.orgId, groupId);
  if (!group) return noGroup();
  return { ok: true, group: groupDocument(group), members: (await listGroupMembers(group.id)).map(memberDocument) };
}

/** PATCH …/groups/{groupId}: renames it. */
export async function renameOrgGroup(caller: ManagementCaller, groupId: string, body: unknown, client: ClientInfo): Promise<Result<{ group: GroupDocument }>> {
  if (!(await findGroup(caller.orgId, groupId))) return noGroup();
  const parsed = GroupRename.safeParse(body);
  if (!parsed.success) return validationFailed(fieldErrorsOf(parsed.error));
  const result = await updateGroup({ ...call(caller, client), groupId, displayName: parsed.data.display_name });
  return result.ok ? { ok: true, group: groupDocument(result.group) } : result;
}

/** DELETE …/groups/{groupId}: it leaves every rule; its members lose what it opened (feed entries). */
export async function deleteOrgGroup(caller: ManagementCaller, groupId: string, client: ClientInfo): Promise<Result> {
  return deleteGroup({ ...call(caller, client), groupId });
}

/** POST …/groups/{groupId}/members { email }: adds a member of the org; the group's members answer. */
export async function addOrgGroupMember(caller: ManagementCaller, groupId: string, body: unknown, client: ClientInfo): Promise<Result<{ group: GroupDocument; members: MemberDocument[] }>> {
  if (!(await findGroup(caller.orgId, groupId))) return noGroup();
  const parsed = MemberBody.safeParse(body);
  if (!parsed.success) return validationFailed(fieldErrorsOf(parsed.error));
  const { ids } = await orgMembersByEmail(caller.orgId, [parsed.data.email]);
  if (!ids.length) return validationFailed([{ pointer: '#/email', detail: 'No member of this organization has this email.' }]);
  const result = await addGroupMembers({ ...call(caller, client), groupId, userIds: ids });
  if (!result.ok) return result.code === 'validation_failed' ? validationFailed([{ pointer: '#/email', detail: 'No member of this organization has this email.' }]) : result;
  return getOrgGroup(caller, groupId);
}

/** DELETE …/groups/{groupId}/members/{userId}: removes them (feed entries for what it opened, unless admitted another way). */
export async function removeOrgGroupMember(caller: ManagementCaller, groupId: string, userId: string, client: ClientInfo): Promise<Result> {
  const group = await findGroup(caller.orgId, groupId);
  if (!group) return noGroup();
  const result = await removeGroupMembers({ ...call(caller, client), groupId, userIds: [userId] });
  if (!result.ok) return result;
  return result.removed.length ? { ok: true } : refusal('not_found', 'No such member of this group.');
}
