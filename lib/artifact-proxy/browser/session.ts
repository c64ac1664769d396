/** Exchanges a token for the proxy's session cookie on this origin. Resolves to the HTTP status. */
export async function postSessionToken(token: string): Promise<number> {
  const response = await fetch('/.app-gateway/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  return response.status;
}

/** Ends the proxy session on this origin (the cookie is cleared). */
export async function endSession(): Promise<void> {
  await fetch('/.app-gateway/session', { method: 'DELETE', credentials: 'same-origin', cache: 'no-store' });
}
