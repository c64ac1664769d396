'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addOrgMember, changeMembership } from '@/lib/auth/org-members';
import { refusalMessage, requireOrgAdmin, type OrgAdmin } from '@/lib/auth/require-role';
import { errorState, fieldErrorsOf, formValues, okState, type ActionState } from '@/lib/forms/action-state';

// Each action checks the role itself and changes only the org of the admin's session. Membership
// is read fresh by every mint, so a change here governs the member's very next token.

const UserId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const Role = z.enum(['admin', 'member'], { error: 'Choose admin or member.' });
const NewMember = z.object({
  email: z.string().trim().min(1, 'Enter the email of the person to add.').max(320, 'That email is too long.').pipe(z.email('Enter a valid email address.')),
  role: Role,
});

function lastAdmin(admin: OrgAdmin): string {
  return `${admin.orgName} must keep at least one admin: make someone else an admin first.`;
}

export async function setMemberRole(previous: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireOrgAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin));
  const userId = UserId.safeParse(form.get('userId'));
  const role = Role.safeParse(form.get('role'));
  if (!userId.success || !role.success) return errorState(previous, 'Choose a member and a role.');
  const result = await changeMembership(admin.orgId, userId.data, role.data);
  if (result === 'last_admin') return errorState(previous, lastAdmin(admin));
  if (result === 'not_found') return errorState(previous, `That person is no longer a member of ${admin.orgName}.`);
  revalidatePath('/admin/members');
  return okState(previous, role.data === 'admin' ? 'Now an admin.' : 'Now a member.');
}

export async function removeMember(previous: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireOrgAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin));
  const userId = UserId.safeParse(form.get('userId'));
  if (!userId.success) return errorState(previous, 'Choose a member.');
  const result = await changeMembership(admin.orgId, userId.data, null);
  if (result === 'last_admin') return errorState(previous, lastAdmin(admin));
  if (result === 'not_found') return errorState(previous, `That person is no longer a member of ${admin.orgName}.`);
  revalidatePath('/admin/members');
  return okState(previous, 'Removed.');
}

export async function addMember(previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ['email', 'role'], 400);
  const admin = await requireOrgAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin), {}, values);
  const parsed = NewMember.safeParse(values);
  if (!parsed.success) return errorState(previous, 'Check the highlighted fields; nobody was added.', fieldErrorsOf(parsed.error), values);
  const added = await addOrgMember(admin.orgId, parsed.data.email, parsed.data.role);
  if (!added.ok) {
    const email = added.reason === 'no_such_user' ? 'Nobody has an account with this email yet.' : `Already a member of ${admin.orgName}.`;
    return errorState(previous, 'Nobody was added.', { email }, values);
  }
  revalidatePath('/admin/members');
  return okState(previous, `Added ${added.name} as ${parsed.data.role === 'admin' ? 'an admin' : 'a member'}.`, undefined, { role: 'member' });
}
