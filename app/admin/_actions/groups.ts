'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgMembersByEmail } from '@/lib/gateway/access/app-access';
import { sessionActor } from '@/lib/gateway/audit/actor';
import type { Refusal } from '@/lib/gateway/errors';
import { addGroupMembers, removeGroupMembers } from '@/lib/gateway/groups/group-members';
import { createGroup, deleteGroup, type GroupCall } from '@/lib/gateway/groups/groups';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { fields, orgAdminAction } from './role-guard';

// Each action checks the admin role itself and acts only in the org of the admin's session: a group
// id of another org answers like an unknown one. Groups of another source (SCIM) are refused by the domain.

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const call = (orgId: string, userId: string): GroupCall => ({ orgId, via: 'console', actor: sessionActor(userId) });

/** A refusal's words for a field, or for the whole form. */
function fieldOf(r: Refusal): Record<string, string> {
  const errors = (r.extra?.errors as Array<{ pointer: string; detail: string }> | undefined) ?? [];
  const map: Record<string, string> = { '#/display_name': 'name', '#/external_id': 'externalId' };
  return Object.fromEntries(errors.map((e) => [map[e.pointer] ?? 'form', e.detail]));
}

export const createGroupAction = orgAdminAction(fields(['name', 'source', 'externalId'], 400), async (admin, previous, form, values) => {
  const source = values.source === 'oidc' ? 'oidc' : 'console';
  const made = await createGroup({ ...call(admin.orgId, admin.viewer.id), displayName: values.name!, source, externalId: source === 'oidc' ? values.externalId || null : null });
  if (!made.ok) {
    const fields = fieldOf(made);
    return errorState(previous, made.code === 'conflict' ? made.detail : 'Check the highlighted fields; no group was created.', made.code === 'conflict' ? { externalId: made.detail } : fields, values);
  }
  revalidatePath('/admin/groups');
  return okState(previous, `Created the group ${made.group.displayName}.`, undefined, { source: 'console' });
});

export const addGroupMemberAction = orgAdminAction(fields(['groupId', 'email'], 400), async (admin, previous, form, values) => {
  const groupId = Id.safeParse(values.groupId);
  const email = values.email!.trim();
  if (!groupId.success) return errorState(previous, 'Choose a group.', {}, values);
  if (!email) return errorState(previous, 'Nobody was added.', { email: 'Enter the email of a member of the organization.' }, values);
  const { ids } = await orgMembersByEmail(admin.orgId, [email]);
  if (!ids.length) return errorState(previous, 'Nobody was added.', { email: `No member of ${admin.orgName} has this email.` }, values);
  const result = await addGroupMembers({ ...call(admin.orgId, admin.viewer.id), groupId: groupId.data, userIds: ids });
  if (!result.ok) return errorState(previous, result.code === 'validation_failed' ? 'Nobody was added.' : result.detail, result.code === 'validation_failed' ? { email: `No member of ${admin.orgName} has this email.` } : {}, values);
  revalidatePath('/admin/groups');
  return okState(previous, result.added.length ? `Added ${email}.` : `${email} is already in ${result.group.displayName}.`);
});

export const removeGroupMemberAction = orgAdminAction(async (admin, previous, form) => {
  const groupId = Id.safeParse(form.get('groupId'));
  const userId = Id.safeParse(form.get('userId'));
  if (!groupId.success || !userId.success) return errorState(previous, 'Choose a group and a member.');
  const result = await removeGroupMembers({ ...call(admin.orgId, admin.viewer.id), groupId: groupId.data, userIds: [userId.data] });
  if (!result.ok) return errorState(previous, result.detail);
  revalidatePath('/admin/groups');
  return okState(previous, 'Removed.');
});

export const deleteGroupAction = orgAdminAction(async (admin, previous, form) => {
  const groupId = Id.safeParse(form.get('groupId'));
  if (!groupId.success) return errorState(previous, 'Choose a group.');
  const result = await deleteGroup({ ...call(admin.orgId, admin.viewer.id), groupId: groupId.data });
  if (!result.ok) return errorState(previous, result.detail);
  revalidatePath('/admin/groups');
  return okState(previous, 'Deleted.');
});
