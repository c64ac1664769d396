import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import type { OrgAdmin } from '@/lib/auth/require-role';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { orgAdminAction } from './role-guard';

type Removal = {
  /** The form field that holds the id, and the id's shape. */
  field: string;
  id: z.ZodType<string>;
  /** Ends the thing in the admin's org: false when there was nothing there to end. */
  remove: (id: string, admin: OrgAdmin) => Promise<boolean>;
  /** The answer to a form without a valid id (else `gone`'s). */
  choose?: string;
  /** The answer when nothing was ended (already gone, or not in the admin's org). */
  gone: (admin: OrgAdmin) => string;
  /** The page that lists it, and the answer when it is done. */
  path: string;
  done: string;
};

/** A confirmation's action that ends one thing of the admin's org, named by its id. */
export function orgAdminRemoval({ field, id, remove, choose, gone, path, done }: Removal) {
  return orgAdminAction(async (admin, previous, form) => {
    const parsed = id.safeParse(form.get(field));
    if (!parsed.success) return errorState(previous, choose ?? gone(admin));
    if (!(await remove(parsed.data, admin))) return errorState(previous, gone(admin));
    revalidatePath(path);
    return okState(previous, done);
  });
}
