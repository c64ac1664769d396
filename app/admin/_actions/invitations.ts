'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createInvitation, revokeInvitation } from '@/lib/gateway/orgs/invitations';
import { errorState, fieldErrorsOf, okState } from '@/lib/ui/forms/action-state';
import { formatUtc } from '../_components/time';
import { fields, orgAdminAction } from './role-guard';
import { orgAdminRemoval } from './removal';

// Each action checks the role itself and only touches the org of the admin's session.

const InvitationId = z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/);
const NewInvitation = z.object({
  email: z.string().trim().min(1, 'Enter the email of the person to invite.').max(320, 'That email is too long.').pipe(z.email('Enter a valid email address.')),
  role: z.enum(['admin', 'member'], { error: 'Choose admin or member.' }),
  expiresInDays: z
    .string()
    .trim()
    .regex(/^\d+$/, 'Enter a whole number of days, from 1 to 90.')
    .transform(Number)
    .pipe(z.number().min(1, 'An invitation lasts at least 1 day.').max(90, 'An invitation lasts at most 90 days.')),
});

export const sendInvitation = orgAdminAction(fields(['email', 'role', 'expiresInDays'], 400), async (admin, previous, form, values) => {
  const parsed = NewInvitation.safeParse(values);
  if (!parsed.success) return errorState(previous, 'Check the highlighted fields; nobody was invited.', fieldErrorsOf(parsed.error), values);
  const inv = await createInvitation({ orgId: admin.orgId, ...parsed.data, invitedBy: admin.viewer.id });
  // The fields were checked above, so what the domain still refuses is about this email: already a
  // member, or a pending invitation.
  if (!inv.ok) return errorState(previous, 'Nobody was invited.', { email: inv.detail }, values);
  revalidatePath('/admin/invitations');
  const as = inv.role === 'admin' ? 'an admin' : 'a member';
  return okState(previous, `Invited ${inv.email} as ${as} until ${formatUtc(inv.expiresAt)}. They accept or decline it on their home page (someone without an account joins when they first sign in); the gateway sends no email, so let them know.`, undefined, {
    role: 'member',
    expiresInDays: '7',
  });
});

export const revokePendingInvitation = orgAdminRemoval({
  field: 'invitationId',
  id: InvitationId,
  remove: (id, admin) => revokeInvitation(id, admin.orgId),
  choose: 'Choose an invitation.',
  gone: () => 'That invitation was already accepted or revoked.',
  path: '/admin/invitations',
  done: 'Revoked.',
});
