'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { removeGrant } from '@/lib/gateway/access-requests/end-grants';
import { GRANT_CHOICES } from '@/lib/gateway/access-requests/grant-duration';
import { approveAccessRequest, denyAccessRequest } from '@/lib/gateway/access-requests/requests-inbox';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { clientInfo } from '@/lib/platform/http/client-info';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { orgAdminAction } from './role-guard';

// The console's access requests and app grants (SPEC §16). Each action checks the admin role in the
// session's active org itself and acts only in that org: another org's id answers like an unknown one.

const AppId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const client = async () => clientInfo({ headers: await headers() });

/** Approves a pending request for one of the console's durations: an app grant. */
export const approveRequestInConsole = orgAdminAction(async (admin, previous, form) => {
  const choice = GRANT_CHOICES.find((c) => c.value === form.get('duration'));
  if (!choice) return errorState(previous, 'Choose how long the access lasts.');
  const result = await approveAccessRequest({
    orgId: admin.orgId,
    requestId: String(form.get('requestId') ?? ''),
    seconds: choice.seconds,
    actor: sessionActor(admin.viewer.id),
    ...(await client()),
  });
  if (!result.ok) return errorState(previous, result.code === 'conflict' ? 'This request was already answered, or it expired.' : 'No such request in this organization.');
  revalidatePath('/admin', 'layout');
  return okState(previous, `Approved: ${choice.label.toLowerCase()}.`);
});

/** Denies a pending request; the requester's page keeps showing it as sent. */
export const denyRequestInConsole = orgAdminAction(async (admin, previous, form) => {
  const result = await denyAccessRequest({ orgId: admin.orgId, requestId: String(form.get('requestId') ?? ''), actor: sessionActor(admin.viewer.id), ...(await client()) });
  if (!result.ok) return errorState(previous, result.code === 'conflict' ? 'This request was already answered, or it expired.' : 'No such request in this organization.');
  revalidatePath('/admin', 'layout');
  return okState(previous, 'Denied.');
});

/** Removes a live grant of an app of the org: it ends now, with its feed entry. */
export const removeGrantInConsole = orgAdminAction(async (admin, previous, form) => {
  const appId = AppId.safeParse(form.get('appId'));
  const grantId = String(form.get('grantId') ?? '');
  if (!appId.success || !/^grt_[A-Za-z0-9_-]{24}$/.test(grantId)) return errorState(previous, 'No such grant in this organization.');
  const removed = await removeGrant({ orgId: admin.orgId, appId: appId.data, grantId, actor: sessionActor(admin.viewer.id), ...(await client()) });
  if (!removed) return errorState(previous, 'That grant has already ended.');
  revalidatePath(`/admin/apps/${appId.data}`);
  return okState(previous, 'Removed.');
});
