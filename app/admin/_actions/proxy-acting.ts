'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { disableProxyActing, enableProxyActing } from '@/lib/gateway/exchange/proxy-credential';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { fields, orgAdminAction } from './role-guard';

// "The artifact proxy acts for the viewer" (SPEC §17) from the app's console page: on for one
// resource the app is allowed on (a credential only the proxy holds, never shown), or off (that
// credential revoked). Each action checks the role itself and acts only in the session's org.

const AppId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const ResourceId = z.string().min(1).max(128);
const pathOf = (appId: string) => `/admin/apps/${encodeURIComponent(appId)}`;

/** Turns it on for a resource (or moves it there, or renews it). */
export const turnOnProxyActing = orgAdminAction(fields(['appId', 'resourceId'], 200), async (admin, previous, form, values) => {
  const appId = AppId.safeParse(values.appId);
  const resourceId = ResourceId.safeParse(values.resourceId);
  if (!appId.success) return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  if (!resourceId.success) return errorState(previous, 'Choose a resource the app is allowed on.', {}, values);
  const on = await enableProxyActing({ appId: appId.data, orgId: admin.orgId, resourceId: resourceId.data, actor: sessionActor(admin.viewer.id) });
  if (!on.ok) {
    if (on.reason === 'not_proxied') return errorState(previous, 'Only an app served by the artifact proxy can have the proxy act for its viewers.', {}, values);
    if (on.reason === 'not_allowed') return errorState(previous, `It is allowed nothing on ${resourceId.data}: allow scopes there first.`, {}, values);
    if (on.reason === 'invalid') return errorState(previous, on.message, {}, values);
    return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  }
  revalidatePath(pathOf(appId.data));
  return okState(previous, on.replaced ? 'Saved. The proxy’s credential before was revoked.' : 'The artifact proxy now acts for the viewer.', undefined, values);
});

/** Turns it off: the proxy's credential is revoked like any other. */
export const turnOffProxyActing = orgAdminAction(async (admin, previous, form) => {
  const appId = AppId.safeParse(form.get('appId'));
  const off = appId.success && (await disableProxyActing({ appId: appId.data, orgId: admin.orgId, actor: sessionActor(admin.viewer.id) }));
  if (!off) return errorState(previous, `The proxy already does not act for this app’s viewers, or the app is not in ${admin.orgName}.`);
  revalidatePath(pathOf(appId.data));
  return okState(previous, 'Turned off.');
});
