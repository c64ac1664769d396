import type { Transaction } from '@/db/client';
import { changeMembersIn } from '../groups/group-members';
import { createGroupIn, deleteGroupIn, updateGroupIn, type GroupCall } from '../groups/groups';
import { refusal, type Refusal, type Result } from '../errors';
import { parseFilter } from './filter';
import { findScimGroup, groupDocument, groupNameTaken, listScimGroups, membersByScimId, type GroupDocument } from './group-records';
import { groupFromResource, patchGroup, type GroupState } from './group-state';
import { listResponse, parsePage } from './paging';
import type { ScimResourceType } from './resource-type';
import { changeScimResource, inScimTransaction } from './scim-transaction';
import type { ScimContext } from './users';

// The Groups resource (SPEC §18) over the groups domain (lib/gateway/groups): the org's SCIM client
// manages `scim` groups only, through the same functions as every other manager, each request in
// one transaction (a refusal anywhere rolls all of it back).

type GroupResult = Result<{ resource: GroupDocument }>;

const notFound = () => refusal('scim_not_found', 'No such group in this organization’s directory.');
const call = (ctx: ScimContext): GroupCall => ({ orgId: ctx.orgId, via: 'scim', actor: ctx.actor, client: ctx.client });

/** The groups domain's refusals in SCIM's words. */
function scimRefusal(r: Refusal): Refusal {
  if (r.code === 'validation_failed') {
    const errors = (r.extra?.errors ?? []) as Array<{ detail: string }>;
    return refusal('scim_invalid_value', errors.map((e) => e.detail).join(' ') || r.detail);
  }
  if (r.code === 'not_found') return notFound();
  if (r.code === 'conflict') return refusal('scim_uniqueness', r.detail);
  return r;
}

const notMembers = () => refusal('scim_invalid_value', 'A group’s members must be members of this organization (SCIM user ids of people it provisioned, not suspended).');

async function answer(tx: Transaction, ctx: ScimContext, id: string): Promise<GroupResult> {
  const stored = await findScimGroup(ctx.orgId, id, tx);
  if (!stored) throw new Error('SCIM group vanished inside its own transaction');
  return { ok: true, resource: groupDocument(stored, ctx.base) };
}

/** POST /Groups: a new `scim` group with its members. */
async function createScimGroup(ctx: ScimContext, body: Record<string, unknown>): Promise<GroupResult> {
  const parsed = groupFromResource(body);
  if (!parsed.ok) return parsed;
  const s = parsed.state;
  return inScimTransaction(async (tx) => {
    if (await groupNameTaken(tx, ctx.orgId, s.displayName, null)) return refusal('scim_uniqueness', 'This organization already has a SCIM group with this displayName.');
    const userIds = await membersByScimId(tx, ctx.orgId, s.members);
    if (!userIds) return notMembers();
    const created = await createGroupIn(tx, { ...call(ctx), displayName: s.displayName, externalId: s.externalId });
    if (!created.ok) return scimRefusal(created);
    if (userIds.length) {
      const added = await changeMembersIn(tx, { ...call(ctx), groupId: created.group.id, userIds }, 'set');
      if (!added.ok) return scimRefusal(added);
    }
    return answer(tx, ctx, created.group.id);
  });
}

/** Writes a group's new state: its name and external id, then its members, as one change. */
async function writeState(tx: Transaction, ctx: ScimContext, id: string, current: GroupState, next: GroupState): Promise<GroupResult> {
  if (next.displayName.toLowerCase() !== current.displayName.toLowerCase() && (await groupNameTaken(tx, ctx.orgId, next.displayName, id))) {
    return refusal('scim_uniqueness', 'This organization already has a SCIM group with this displayName.');
  }
  const updated = await updateGroupIn(tx, { ...call(ctx), groupId: id, displayName: next.displayName, externalId: next.externalId });
  if (!updated.ok) return scimRefusal(updated);
  const userIds = await membersByScimId(tx, ctx.orgId, next.members);
  if (!userIds) return notMembers();
  const set = await changeMembersIn(tx, { ...call(ctx), groupId: id, userIds }, 'set');
  if (!set.ok) return scimRefusal(set);
  return answer(tx, ctx, id);
}

const stateOf = (g: { displayName: string; externalId: string | null; members: Array<{ value: string }> }): GroupState => ({
  displayName: g.displayName,
  externalId: g.externalId,
  members: g.members.map((m) => m.value),
});

/** PUT /Groups/{id}: the whole group replaced (members too). */
function replaceScimGroup(ctx: ScimContext, id: string, body: Record<string, unknown>): Promise<GroupResult> {
  return changeGroup(ctx, id, () => groupFromResource(body));
}

/** PATCH /Groups/{id}: PatchOp operations, all or nothing. */
function patchScimGroup(ctx: ScimContext, id: string, body: Record<string, unknown>): Promise<GroupResult> {
  return changeGroup(ctx, id, (current) => patchGroup(current, body));
}

/** The group's new state, computed from its current one, then written; 404 when the org has no such group. */
function changeGroup(ctx: ScimContext, id: string, nextState: (current: GroupState) => { ok: true; state: GroupState } | Refusal): Promise<GroupResult> {
  const find = async (tx: Transaction) => {
    const found = await findScimGroup(ctx.orgId, id, tx);
    return found && stateOf(found);
  };
  return changeScimResource(find, nextState, (tx, current, next) => writeState(tx, ctx, id, current, next), notFound);
}

/** DELETE /Groups/{id}: the group goes; its members lose the apps it alone opened to them. */
function deleteScimGroup(ctx: ScimContext, id: string): Promise<Result> {
  return inScimTransaction(async (tx) => {
    if (!(await findScimGroup(ctx.orgId, id, tx))) return notFound();
    const deleted = await deleteGroupIn(tx, { ...call(ctx), groupId: id });
    return deleted.ok ? { ok: true } : scimRefusal(deleted);
  });
}

/** GET /Groups/{id}. */
async function getScimGroup(ctx: ScimContext, id: string): Promise<GroupResult> {
  const found = await findScimGroup(ctx.orgId, id);
  return found ? { ok: true, resource: groupDocument(found, ctx.base) } : notFound();
}

/** GET /Groups: filter `displayName eq` / `externalId eq`, paged; `excludedAttributes=members` (Entra) leaves members out. */
async function listGroupsForScim(ctx: ScimContext, params: URLSearchParams): Promise<Result<{ list: ReturnType<typeof listResponse<GroupDocument>> }>> {
  const filter = parseFilter(params.get('filter'), ['displayName', 'externalId']);
  if (!filter.ok) return filter;
  const paged = parsePage(params);
  if (!paged.ok) return paged;
  const withMembers = !(params.get('excludedAttributes') ?? '').split(',').some((a) => a.trim().toLowerCase() === 'members');
  const { records, total } = await listScimGroups(ctx.orgId, filter.filter, paged.page, withMembers);
  return { ok: true, list: listResponse(records.map((g) => groupDocument(g, ctx.base, { withMembers })), total, paged.page) };
}

/** The Groups resource type, as the SCIM routes serve it. */
export const scimGroupResources: ScimResourceType = { list: listGroupsForScim, create: createScimGroup, get: getScimGroup, replace: replaceScimGroup, patch: patchScimGroup, remove: deleteScimGroup };
