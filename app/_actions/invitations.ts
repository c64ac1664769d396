'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentViewer } from '@/lib/auth/current-viewer';
import { answerInvitation } from '@/lib/gateway/orgs/invitation-responses';

const Answer = z.object({ invitationId: z.string().regex(/^inv_[A-Za-z0-9_-]{1,64}$/), answer: z.enum(['accept', 'decline']) });

/**
 * The invitee accepts or declines an invitation from their home page. Only an open invitation
 * addressed to the signed-in user's own email can be answered; anything else changes nothing.
 */
export async function answerInvitationFromHome(form: FormData): Promise<void> {
  const viewer = await currentViewer();
  if (!viewer) return;
  const parsed = Answer.safeParse({ invitationId: form.get('invitationId'), answer: form.get('answer') });
  if (!parsed.success) return;
  await answerInvitation(parsed.data.invitationId, viewer.id, parsed.data.answer);
  revalidatePath('/');
}
