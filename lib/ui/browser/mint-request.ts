/** Who the viewer page mints for: a member (their session cookie), or a guest (the app's guest cookie, SPEC §15). */
export type MintKind = 'member' | 'guest';

/**
 * The browser's mint: `POST /v1/app-gateway/{appId}/session` with the session cookie (the viewer
 * and the console's test mint), or `…/guest-session` with the app's guest cookie.
 */
export function mintRequest(appId: string, kind: MintKind = 'member'): { url: string; init: RequestInit } {
  return {
    url: `/v1/app-gateway/${encodeURIComponent(appId)}/${kind === 'guest' ? 'guest-session' : 'session'}`,
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin', cache: 'no-store' },
  };
}
