/** The browser's mint: `POST /v1/app-gateway/{appId}/session` with the session cookie (the viewer and the console's test mint). */
export function mintRequest(appId: string): { url: string; init: RequestInit } {
  return {
    url: `/v1/app-gateway/${encodeURIComponent(appId)}/session`,
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin', cache: 'no-store' },
  };
}
