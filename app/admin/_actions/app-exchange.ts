'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { removeAppAllowance, setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import { errorState, formValues, okState } from '@/lib/ui/forms/action-state';
import { scopesOf } from '@/lib/ui/forms/form-scopes';
import { fields, orgAdminAction } from './role-guard';

// What an app may do as its viewer (SPEC §17) from its console page. Each action checks the role
// itself and acts only in the org of the admin's session: another org's app or credential is
// answered like an unknown one.

const AppId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const ResourceId = z.string().min(1).max(128);
const CredentialId = z.string().regex(/^cred_[A-Za-z0-9_-]{1,64}$/);
const pathOf = (appId: string) => `/admin/apps/${encodeURIComponent(appId)}`;

/** A client secret shown once: the page never sees it again. */
export type NewClientSecret = { secret: string; expiresAt: string };

const allowanceValues = (form: FormData) => ({ ...formValues(form, ['appId', 'resourceId', 'guests'], 200), scopes: scopesOf(form).join(' ') });

/** Sets the scopes the app may ask for on one resource, and whether for guests; no scope ticked takes them all away. */
export const saveAppAllowance = orgAdminAction(allowanceValues, async (admin, previous, form, values) => {
  const scopes = scopesOf(form);
  const appId = AppId.safeParse(values.appId);
  const resourceId = ResourceId.safeParse(values.resourceId);
  if (!appId.success || !resourceId.success) return errorState(previous, `This app or resource does not exist in ${admin.orgName}.`, {}, values);
  const actor = sessionActor(admin.viewer.id);
  if (scopes.length === 0) {
    const removed = await removeAppAllowance({ appId: appId.data, resourceId: resourceId.data, orgId: admin.orgId, actor });
    revalidatePath(pathOf(appId.data));
    return okState(previous, removed ? `It may no longer act for the viewer on ${resourceId.data}.` : 'No change.', undefined, values);
  }
  const set = await setAppAllowance({ appId: appId.data, resourceId: resourceId.data, scopes, guests: values.guests === 'on', orgId: admin.orgId, actor });
  if (!set.ok) {
    if (set.reason === 'invalid') return errorState(previous, 'Nothing was saved.', { scopes: set.message }, values);
    if (set.reason === 'scopes_not_offered') return errorState(previous, 'Nothing was saved.', { scopes: `${resourceId.data} does not offer ${set.scopes.join(', ')}.` }, values);
    if (set.reason === 'resource_not_found') return errorState(previous, `${resourceId.data} is no longer a registered resource; nothing was saved.`, {}, values);
    return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  }
  revalidatePath(pathOf(appId.data));
  if (!set.changed) return okState(previous, 'No change.', undefined, values);
  return okState(previous, set.revoked ? 'Saved. Tokens it obtained before lost what was taken away.' : 'Saved.', undefined, values);
});

/** Takes away everything the app may do on a resource. */
export const disallowAppResource = orgAdminAction(async (admin, previous, form) => {
  const appId = AppId.safeParse(form.get('appId'));
  const resourceId = ResourceId.safeParse(form.get('resourceId'));
  const removed =
    appId.success &&
    resourceId.success &&
    (await removeAppAllowance({ appId: appId.data, resourceId: resourceId.data, orgId: admin.orgId, actor: sessionActor(admin.viewer.id) }));
  if (!removed) return errorState(previous, `Nothing to take away: it is already not allowed there, or the app is not in ${admin.orgName}.`);
  revalidatePath(pathOf(appId.data));
  return okState(previous, 'Taken away.');
});

/** Creates a client secret for the app; the secret is in the answer, once. */
export const createClientSecret = orgAdminAction<NewClientSecret>(fields(['appId', 'expiresInDays'], 200), async (admin, previous, form, values) => {
  const appId = AppId.safeParse(values.appId);
  if (!appId.success) return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  const raw = values.expiresInDays?.trim() ?? '';
  const days = raw === '' ? undefined : /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  const created = await createAppCredential({ appId: appId.data, orgId: admin.orgId, expiresInDays: days, actor: sessionActor(admin.viewer.id) });
  if (!created.ok) {
    if (created.reason === 'invalid') return errorState(previous, 'No client secret was created.', { expiresInDays: created.message }, values);
    if (created.reason === 'credential_limit') return errorState(previous, 'It already has two live client secrets: revoke the one it no longer uses first.', {}, values);
    return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  }
  revalidatePath(pathOf(appId.data));
  return okState(previous, 'Client secret created.', { secret: created.secret, expiresAt: created.expiresAt.toISOString() }, { appId: appId.data });
});

/** Revokes a client secret of an app of the org: it authenticates nothing from now on. */
export const revokeClientSecret = orgAdminAction(async (admin, previous, form) => {
  const id = CredentialId.safeParse(form.get('credentialId'));
  const revoked = id.success ? await revokeAppCredential({ id: id.data, orgId: admin.orgId, actor: sessionActor(admin.viewer.id) }) : null;
  if (!revoked) return errorState(previous, `That client secret is already revoked, or is not in ${admin.orgName}.`);
  revalidatePath(pathOf(revoked.appId));
  return okState(previous, 'Revoked.');
});
