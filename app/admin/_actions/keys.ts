'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { refusalMessage, requirePlatformAdmin } from '@/lib/auth/require-role';
import { errorState, okState, type ActionState } from '@/lib/ui/forms/action-state';
import { activateNextKeyNow, KeyOperationError, revokeKey, rotateKeys } from '@/lib/gateway/keys/rotation';

// Signing keys serve every org: each action checks for a platform admin itself.

const Kid = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

async function run(previous: ActionState, work: () => Promise<string>): Promise<ActionState> {
  const admin = await requirePlatformAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin));
  try {
    const message = await work();
    revalidatePath('/admin/keys');
    return okState(previous, message);
  } catch (error) {
    if (error instanceof KeyOperationError) return errorState(previous, error.message);
    throw error;
  }
}

export async function rotateKey(previous: ActionState): Promise<ActionState> {
  return run(previous, async () => `Published ${(await rotateKeys()).kid}; it starts signing when its activation time comes.`);
}

export async function activateNextKey(previous: ActionState): Promise<ActionState> {
  return run(previous, async () => `${(await activateNextKeyNow()).kid} is signing now.`);
}

export async function revokeSigningKey(previous: ActionState, form: FormData): Promise<ActionState> {
  const kid = Kid.safeParse(form.get('kid'));
  return run(previous, async () => {
    if (!kid.success) throw new KeyOperationError('Choose a key to revoke.');
    const { replacedBy } = await revokeKey(kid.data);
    return replacedBy ? `Revoked. ${replacedBy} took over signing.` : 'Revoked.';
  });
}
