'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { refusal, type Result } from '@/lib/gateway/errors';
import { activateNextKeyNow, revokeKey, rotateKeys } from '@/lib/gateway/keys/rotation';
import { platformAdminAction } from './role-guard';

// Signing keys serve every org: each action checks for a platform admin itself.

const Kid = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);

/** A key operation for a platform admin: its message when done, the refusal's detail when not. */
const keyAction = <T extends object>(work: (form: FormData) => Promise<Result<T>>, done: (outcome: T) => string) =>
  platformAdminAction(async (_admin, previous, form) => {
    const outcome = await work(form);
    if (!outcome.ok) return errorState(previous, outcome.detail);
    revalidatePath('/admin/keys');
    return okState(previous, done(outcome));
  });

export const rotateKey = keyAction(() => rotateKeys(), ({ key }) => `Published ${key.kid}; it starts signing when its activation time comes.`);

export const activateNextKey = keyAction(() => activateNextKeyNow(), ({ key }) => `${key.kid} is signing now.`);

export const revokeSigningKey = keyAction(
  async (form) => {
    const kid = Kid.safeParse(form.get('kid'));
    return kid.success ? revokeKey(kid.data) : refusal('invalid_request', 'Choose a key to revoke.');
  },
  ({ replacedBy }) => (replacedBy ? `Revoked. ${replacedBy} took over signing.` : 'Revoked.'),
);
