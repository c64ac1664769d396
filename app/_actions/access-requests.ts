'use server';

import { cookies, headers } from 'next/headers';
import { currentViewer } from '@/lib/auth/current-viewer';
import { clientInfo } from '@/lib/platform/http/client-info';
import { isWellFormedAppId } from '@/lib/gateway/mint/app-id';
import { requestAccess } from '@/lib/gateway/access-requests/request-access';
import { readSentRequests, SENT_REQUESTS_COOKIE, SENT_REQUESTS_MAX_AGE_SECONDS, withSentRequest } from '@/lib/gateway/access-requests/sent-requests';
import { errorState, okState, type ActionState } from '@/lib/ui/forms/action-state';

/**
 * A signed-in viewer refused an app asks its admins for access (SPEC §16), from the viewer's
 * not-found state. Every accepted request gets the same words, whether or not the app exists; the
 * request joins the viewer's own list of sent requests (a cookie in their browser, never stored
 * against an app that does not exist). Server actions are same-origin only (Next checks Origin).
 */
export async function requestAppAccess(previous: ActionState, form: FormData): Promise<ActionState> {
  const viewer = await currentViewer();
  if (!viewer) return errorState(previous, 'Sign in to ask for access.');
  const appId = String(form.get('appId') ?? '');
  const note = form.get('note');
  const result = await requestAccess({ userId: viewer.id, appId, note: typeof note === 'string' ? note : null, ...clientInfo({ headers: await headers() }) });
  if (!result.ok) return errorState(previous, result.detail, result.code === 'invalid_request' ? { note: result.detail } : {}, { note: typeof note === 'string' ? note : '' });
  const jar = await cookies();
  const list = readSentRequests(jar.get(SENT_REQUESTS_COOKIE)?.value, viewer.id);
  if (isWellFormedAppId(appId)) {
    jar.set(SENT_REQUESTS_COOKIE, withSentRequest(list, viewer.id, appId), { httpOnly: true, sameSite: 'lax', path: '/', maxAge: SENT_REQUESTS_MAX_AGE_SECONDS, secure: process.env.NODE_ENV === 'production' && (process.env.APP_URL ?? '').startsWith('https:') });
  }
  return okState(previous, result.answer);
}
