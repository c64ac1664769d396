'use server';

import { revalidatePath } from 'next/cache';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { addResource, removeResource, type AddResourceResult } from '@/lib/gateway/exchange/resources';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { fields, platformAdminAction } from './role-guard';

// Resources (SPEC §17) serve every org: each action checks for a platform admin itself.

const PATH = '/admin/resources';

/** Registers a platform API the gateway issues access tokens for, with the scopes apps may be allowed on it. */
export const addResourceAction = platformAdminAction(fields(['resourceId', 'scopes'], 2048), async (admin, previous, form, values) => {
  const id = (values.resourceId ?? '').trim();
  const scopes = (values.scopes ?? '').split(/\s+/).filter(Boolean);
  const added = await addResource({ id, scopes, actor: sessionActor(admin.viewer.id) });
  if (!added.ok) {
    const fieldErrors = fieldErrorsOf(added, id);
    return errorState(previous, 'No resource was added.', fieldErrors, values);
  }
  revalidatePath(PATH);
  return okState(previous, added.restored ? `Added ${added.id} again, with no app allowed on it yet.` : `Added ${added.id}.`);
});

/** Removes a resource: every app's allowance on it goes, and its access tokens are revoked. */
export const removeResourceAction = platformAdminAction(async (admin, previous, form) => {
  const id = form.get('resourceId');
  if (typeof id !== 'string' || !(await removeResource({ id, actor: sessionActor(admin.viewer.id) }))) {
    return errorState(previous, 'That resource is already removed.');
  }
  revalidatePath(PATH);
  return okState(previous, 'Removed.');
});

/** Which field a refusal of addResource is about, and what to say there. */
function fieldErrorsOf(refused: Exclude<AddResourceResult, { ok: true }>, id: string): Record<string, string> {
  if (refused.reason === 'invalid') return refused.message.startsWith('Not a resource id') ? { resourceId: refused.message } : { scopes: refused.message };
  if (refused.reason === 'exists') return { resourceId: `${id} is already registered.` };
  return { resourceId: 'An app has (or had) this id: a resource id never equals an app id.' };
}
