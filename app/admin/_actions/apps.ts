'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { env } from '@/lib/platform/config/env';
import { errorState, fieldErrorsOf, okState } from '@/lib/ui/forms/action-state';
import { APP_FIELDS, appInputSchema } from '@/lib/gateway/apps/app-input';
import { createOrgApp, originTakenMessage, softDeleteOrgApp, updateOrgApp, type AppWriteResult } from '@/lib/gateway/apps/org-apps';
import type { AppInput } from '@/lib/gateway/apps/app-input';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { fields, orgAdminAction } from './role-guard';
import { orgAdminRemoval } from './removal';

// Each action checks the role itself and acts only in the org of the admin's session.

const AppId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const CHECK_FIELDS = 'Check the highlighted fields; nothing was saved.';

export type RegisteredApp = { id: string; title: string };

/** Registers an app for testing in the admin's active org. */
export const registerApp = orgAdminAction<RegisteredApp>(fields(APP_FIELDS), async (admin, previous, form, values) => {
  const parsed = appInputSchema(env().APP_URL).safeParse(values);
  if (!parsed.success) return errorState(previous, CHECK_FIELDS, fieldErrorsOf(parsed.error), values);
  const created = await createOrgApp(admin.orgId, parsed.data, { actor: sessionActor(admin.viewer.id) });
  if (!created.ok && created.reason === 'upstream_not_allowed') return errorState(previous, CHECK_FIELDS, { upstreamUrl: created.message }, values);
  if (!created.ok && created.reason === 'origin_taken') return errorState(previous, CHECK_FIELDS, originTakenErrors(parsed.data, created), values);
  if (!created.ok) return errorState(previous, CHECK_FIELDS, { workflowId: `Choose a workflow of ${admin.orgName}.` }, values);
  revalidatePath('/admin/apps');
  return okState(previous, `Registered “${parsed.data.title}” as ${created.id}.`, { id: created.id, title: parsed.data.title });
});

/** Saves an app's title, workflow, artifact URL and access. */
export const updateApp = orgAdminAction(fields(APP_FIELDS), async (admin, previous, form, values) => {
  const appId = AppId.safeParse(form.get('appId'));
  if (!appId.success) return errorState(previous, 'This app does not exist.', {}, values);
  const parsed = appInputSchema(env().APP_URL).safeParse(values);
  if (!parsed.success) return errorState(previous, CHECK_FIELDS, fieldErrorsOf(parsed.error), values);
  const saved = await updateOrgApp(admin.orgId, appId.data, parsed.data, { actor: sessionActor(admin.viewer.id) });
  if (!saved.ok && saved.reason === 'upstream_not_allowed') return errorState(previous, CHECK_FIELDS, { upstreamUrl: saved.message }, values);
  if (!saved.ok && saved.reason === 'origin_taken') return errorState(previous, CHECK_FIELDS, originTakenErrors(parsed.data, saved), values);
  if (!saved.ok && saved.reason === 'workflow_not_in_org') {
    return errorState(previous, CHECK_FIELDS, { workflowId: `Choose a workflow of ${admin.orgName}.` }, values);
  }
  if (!saved.ok) return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  revalidatePath('/admin/apps');
  revalidatePath(`/admin/apps/${appId.data}`);
  return okState(previous, 'Saved.', undefined, values);
});

function originTakenErrors(input: AppInput, result: AppWriteResult): Record<string, string> {
  const origin = !result.ok && 'origin' in result ? result.origin : undefined;
  return { [input.hosting === 'proxy' ? 'upstreamUrl' : 'artifactUrl']: originTakenMessage(origin) };
}

/** Soft-deletes an app: from now on the mint answers 404 for it. */
export const deleteApp = orgAdminRemoval({
  field: 'appId',
  id: AppId,
  remove: (id, admin) => softDeleteOrgApp(admin.orgId, id, { actor: sessionActor(admin.viewer.id) }),
  gone: (admin) => `This app is not in ${admin.orgName}, or it was already deleted.`,
  path: '/admin/apps',
  done: 'Deleted.',
});
