'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { currentViewer } from '@/lib/auth/current-viewer';
import { endSessions } from '@/lib/auth/sessions/end-sessions';
import { errorState, okState, type ActionState } from '@/lib/ui/forms/action-state';

// A user's own sessions. Each action finds the user (and their current session) itself, and ends
// only sessions of that user: another user's session id is answered like an unknown one.

const SIGNED_OUT = 'Your session has ended. Sign in again.';
const SessionId = z.string().regex(/^ses_[A-Za-z0-9_-]{1,64}$/);

export async function endOneSession(previous: ActionState, form: FormData): Promise<ActionState> {
  const viewer = await currentViewer();
  if (!viewer?.id) return errorState(previous, SIGNED_OUT);
  const id = SessionId.safeParse(form.get('id'));
  if (!id.success || id.data === viewer.sessionId) return errorState(previous, 'Choose another of your sessions; use Sign out for this one.');
  const ended = await endSessions(viewer.id, { only: [id.data] }, 'ended_by_user');
  if (ended.length === 0) return errorState(previous, 'That session has already ended.');
  revalidatePath('/settings/sessions');
  return okState(previous, 'Signed out.');
}

export async function endOtherSessions(previous: ActionState): Promise<ActionState> {
  const viewer = await currentViewer();
  if (!viewer?.id) return errorState(previous, SIGNED_OUT);
  const ended = await endSessions(viewer.id, { except: viewer.sessionId }, 'ended_by_user');
  revalidatePath('/settings/sessions');
  return okState(previous, ended.length === 1 ? 'Signed out of 1 other session.' : `Signed out of ${ended.length} other sessions.`);
}
