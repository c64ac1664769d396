'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { refusalMessage, requirePlatformAdmin } from '@/lib/auth/require-role';
import { errorState, okState, type ActionState } from '@/lib/ui/forms/action-state';
import { refusal, type Result } from '@/lib/gateway/errors';
import { activateNextKeyNow, revokeKey, rotateKeys } from '@/lib/gateway/keys/rotation';

// Signing keys serve every org: each action checks for a platform admin itself.

const Kid = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** A key operation for a platform admin: its message when done, the refusal's detail when not. */
async function run<T extends object>(previous: ActionState, work: () => Promise<Result<T>>, done: (outcome: T) => string): Promise<ActionState> {
  const admin = await requirePlatformAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin));
  const outcome = await work();
  if (!outcome.ok) return errorState(previous, outcome.detail);
  revalidatePath('/admin/keys');
  return okState(previous, done(outcome));
}

export async function rotateKey(previous: ActionState): Promise<ActionState> {
  return run(previous, rotateKeys, ({ key }) => `Published ${key.kid}; it starts signing when its activation time comes.`);
}

export async function activateNextKey(previous: ActionState): Promise<ActionState> {
  return run(previous, activateNextKeyNow, ({ key }) => `${key.kid} is signing now.`);
}

export async function revokeSigningKey(previous: ActionState, form: FormData): Promise<ActionState> {
  const kid = Kid.safeParse(form.get('kid'));
  const revoke = async () => (kid.success ? revokeKey(kid.data) : refusal('invalid_request', 'Choose a key to revoke.'));
  return run(previous, revoke, ({ replacedBy }) => (replacedBy ? `Revoked. ${replacedBy} took over signing.` : 'Revoked.'));
}
