'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { clientInfo } from '@/lib/platform/http/client-info';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { isSharingLevel } from '@/lib/gateway/sharing/sharing-levels';
import { setOrgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { checkShareLinkInput, wholeNumberField } from '@/lib/gateway/sharing/share-link-input';
import { createShareLink, endGuestSessionOfOrg, revokeShareLink } from '@/lib/gateway/sharing/share-links';
import { fields, orgAdminAction } from './role-guard';

// Each action checks the role itself and acts only in the org of the admin's session.

const AppId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const client = async () => clientInfo({ headers: await headers() });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Sets the org's external sharing switch; turning it down ends what it no longer allows. */
export const saveOrgSharing = orgAdminAction(fields(['sharing']), async (admin, previous, form, values) => {
  if (!isSharingLevel(values.sharing)) return errorState(previous, 'Nothing was saved.', { sharing: 'Choose one of the options.' }, values);
  const result = await setOrgSharing({ orgId: admin.orgId, level: values.sharing, actor: sessionActor(admin.viewer.id), ...(await client()) });
  if (!result.ok) return errorState(previous, 'This organization no longer exists.', {}, values);
  revalidatePath('/admin/settings');
  if (result.before === result.after) return okState(previous, 'No change.', undefined, values);
  const ended = [
    result.linksRevoked ? `${plural(result.linksRevoked, 'share link', 'share links')} revoked` : '',
    result.sessionsEnded ? `${plural(result.sessionsEnded, 'guest session', 'guest sessions')} ended` : '',
  ].filter(Boolean);
  return okState(previous, `Saved.${ended.length ? ` ${ended.join('; ')}.` : ''}`, undefined, values);
});

export type NewShareLink = { id: string; url: string; expiresAt: string };

/** Creates a share link for an app of the org; its URL is in the answer, once. */
export const createAppShareLink = orgAdminAction<NewShareLink>(fields(['expiresIn', 'maxUses']), async (admin, previous, form, values) => {
  const appId = AppId.safeParse(form.get('appId'));
  if (!appId.success) return errorState(previous, 'This app does not exist.', {}, values);
  const checked = checkShareLinkInput({ expiresInSeconds: wholeNumberField(values.expiresIn), maxUses: wholeNumberField(values.maxUses) });
  if (!checked.ok) {
    const { expiresInSeconds, maxUses } = checked.errors;
    return errorState(previous, 'No link was created.', { ...(expiresInSeconds ? { expiresIn: expiresInSeconds } : {}), ...(maxUses ? { maxUses } : {}) }, values);
  }
  const result = await createShareLink({ orgId: admin.orgId, appId: appId.data, input: checked.value, actor: sessionActor(admin.viewer.id), ...(await client()) });
  if (!result.ok && result.reason === 'sharing_disabled') {
    return errorState(previous, `External sharing is off for ${admin.orgName}: turn it on in Settings to create share links.`, {}, values);
  }
  if (!result.ok) return errorState(previous, `This app is not in ${admin.orgName}, or it was deleted.`, {}, values);
  revalidatePath(`/admin/apps/${appId.data}`);
  const { link } = result;
  return okState(previous, 'Link created. Copy it now: it is shown only once.', { id: link.id, url: link.url, expiresAt: link.expiresAt.toISOString() }, values);
});

/** Revokes one of the org's share links: its guests' sessions end. */
export const revokeAppShareLink = orgAdminAction(async (admin, previous, form) => {
  const result = await revokeShareLink({ orgId: admin.orgId, shareId: String(form.get('shareId') ?? ''), actor: sessionActor(admin.viewer.id), ...(await client()) });
  if (!result.ok) return errorState(previous, result.reason === 'already_ended' ? 'That link was already revoked.' : 'No such link in this organization.');
  revalidatePath(`/admin/apps/${result.appId}`);
  return okState(previous, `Revoked.${result.sessionsEnded ? ` ${plural(result.sessionsEnded, 'guest session', 'guest sessions')} ended.` : ''}`);
});

/** Ends one guest's session (of an app of the org). */
export const endGuestSession = orgAdminAction(async (admin, previous, form) => {
  const ok = await endGuestSessionOfOrg({ orgId: admin.orgId, guestSessionId: String(form.get('guestSessionId') ?? ''), actor: sessionActor(admin.viewer.id), ...(await client()) });
  if (!ok) return errorState(previous, 'That guest session has already ended.');
  const appId = AppId.safeParse(form.get('appId'));
  if (appId.success) revalidatePath(`/admin/apps/${appId.data}`);
  return okState(previous, 'Ended.');
});
