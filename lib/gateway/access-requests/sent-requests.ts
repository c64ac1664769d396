import { isWellFormedAppId } from '../mint/app-id';

/**
 * The requester's own list of requests they sent (SPEC §16), kept in their browser, not on the
 * server: a request for an app that does not exist is stored nowhere, yet the home page must show it
 * as "sent" exactly like a pending, denied or expired one, or it would tell which apps exist. The
 * list names its person, so another account signed in on the same browser sees none of it.
 */
export type SentRequest = { appId: string; sentAt: number };

export const SENT_REQUESTS_COOKIE = 'agw_access_requests';
/** Shown for 30 days (a request's life), at most 20 (a day's limit). */
export const SENT_REQUESTS_MAX_AGE_SECONDS = 30 * 86400;
const MAX = 20;

export function readSentRequests(value: string | undefined, userId: string, now = Date.now()): SentRequest[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (!parsed || typeof parsed !== 'object' || (parsed as { u?: unknown }).u !== userId) return [];
    const list = (parsed as { r?: unknown }).r;
    if (!Array.isArray(list)) return [];
    return list
      .filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && isWellFormedAppId(e[0]) && typeof e[1] === 'number')
      .filter(([, at]) => at > now - SENT_REQUESTS_MAX_AGE_SECONDS * 1000)
      .slice(0, MAX)
      .map(([appId, sentAt]) => ({ appId, sentAt }));
  } catch {
    return [];
  }
}

/** The list with this request first (a repeat moves to the top). */
export function withSentRequest(list: SentRequest[], userId: string, appId: string, now = Date.now()): string {
  const next = [{ appId, sentAt: now }, ...list.filter((r) => r.appId !== appId)].slice(0, MAX);
  return Buffer.from(JSON.stringify({ u: userId, r: next.map((r) => [r.appId, r.sentAt]) })).toString('base64url');
}
