'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createInvitation } from '@/lib/gateway/orgs/invitations';
import { changeMembership } from '@/lib/gateway/orgs/org-members';
import { type OrgAdmin } from '@/lib/auth/require-role';
import { errorState, fieldErrorsOf, okState } from '@/lib/ui/forms/action-state';
import { fields, orgAdminAction } from './role-guard';

// Each action checks the role itself and changes only the org of the admin's session. Membership
// is read fresh by every mint, so a change here governs the member's very next token.

const UserId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const Role = z.enum(['admin', 'member'], { error: 'Choose admin or member.' });
const NewMember = z.object({
  email: z.string().trim().min(1, 'Enter the email of the person to invite.').max(320, 'That email is too long.').pipe(z.email('Enter a valid email address.')),
  role: Role,
});

function lastAdmin(admin: OrgAdmin): string {
  return `${admin.orgName} must keep at least one admin: make someone else an admin first.`;
}

export const setMemberRole = orgAdminAction(async (admin, previous, form) => {
  const userId = UserId.safeParse(form.get('userId'));
  const role = Role.safeParse(form.get('role'));
  if (!userId.success || !role.success) return errorState(previous, 'Choose a member and a role.');
  const result = await changeMembership(admin.orgId, userId.data, role.data);
  if (result === 'last_admin') return errorState(previous, lastAdmin(admin));
  if (result === 'not_found') return errorState(previous, `That person is no longer a member of ${admin.orgName}.`);
  revalidatePath('/admin/members');
  return okState(previous, role.data === 'admin' ? 'Now an admin.' : 'Now a member.');
});

export const removeMember = orgAdminAction(async (admin, previous, form) => {
  const userId = UserId.safeParse(form.get('userId'));
  if (!userId.success) return errorState(previous, 'Choose a member.');
  const result = await changeMembership(admin.orgId, userId.data, null);
  if (result === 'last_admin') return errorState(previous, lastAdmin(admin));
  if (result === 'not_found') return errorState(previous, `That person is no longer a member of ${admin.orgName}.`);
  revalidatePath('/admin/members');
  return okState(previous, 'Removed.');
});

/**
 * "Add member" invites: nobody joins an org without accepting. The answer is the same whether or not
 * the email has an account, so the form tells an admin nothing about who uses the gateway.
 */
export const addMember = orgAdminAction(fields(['email', 'role'], 400), async (admin, previous, form, values) => {
  const parsed = NewMember.safeParse(values);
  if (!parsed.success) return errorState(previous, 'Check the highlighted fields; nobody was invited.', fieldErrorsOf(parsed.error), values);
  const inv = await createInvitation({ orgId: admin.orgId, email: parsed.data.email, role: parsed.data.role, invitedBy: admin.viewer.id });
  // What the domain still refuses is about this email and org only: already a member, or already invited.
  if (!inv.ok) return errorState(previous, 'Nobody was invited.', { email: inv.detail }, values);
  revalidatePath('/admin/members');
  revalidatePath('/admin/invitations');
  const as = inv.role === 'admin' ? 'an admin' : 'a member';
  return okState(
    previous,
    `Invited ${inv.email} as ${as}. They join ${admin.orgName} once they accept the invitation on their home page (or when they first sign in, if they have no account yet); the gateway sends no email, so let them know.`,
    undefined,
    { role: 'member' },
  );
});
