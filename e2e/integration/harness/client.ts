export type MintInit = { cookie?: string; bearer?: string; body?: string; headers?: Record<string, string>; method?: string };

/**
 * fetch, retried once when a kept-alive socket turns out to have been closed by the server while
 * idle (undici reports "other side closed"): the request never reached the handler.
 */
export async function fetchOnFreshSocket(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw error;
    return fetch(url, init);
  }
}

/** A tiny HTTP client for the gateway: sign in through next-auth's own flow and call the API. */
export class GatewayClient {
  constructor(readonly baseUrl: string, readonly appUrl: string) {}

  /** Signs in with email + password the way a browser does; returns the Cookie header to send. */
  async signIn(email: string, password = 'demo-password'): Promise<string> {
    const csrfRes = await fetchOnFreshSocket(`${this.baseUrl}/api/auth/csrf`, {});
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const csrfCookie = cookiesFrom(csrfRes).join('; ');
    const res = await fetchOnFreshSocket(`${this.baseUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
      body: new URLSearchParams({ email, password, csrfToken }),
    });
    const session = cookiesFrom(res).find((c) => c.includes('session-token='));
    if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
    return session;
  }

  /** Signs out the way the header's button does (POST /api/auth/signout); returns the status. */
  async signOut(sessionCookie: string): Promise<number> {
    const csrfRes = await fetchOnFreshSocket(`${this.baseUrl}/api/auth/csrf`, { headers: { cookie: sessionCookie } });
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const res = await fetchOnFreshSocket(`${this.baseUrl}/api/auth/signout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [sessionCookie, ...cookiesFrom(csrfRes)].join('; ') },
      body: new URLSearchParams({ csrfToken }),
    });
    return res.status;
  }

  mint(appId: string, init: MintInit = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    if (init.cookie) {
      headers.cookie = init.cookie;
      headers.origin ??= this.appUrl;
    }
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    return fetchOnFreshSocket(`${this.baseUrl}/v1/app-gateway/${encodeURIComponent(appId)}/session`, {
      method: init.method ?? 'POST',
      headers,
      // An empty string would make fetch add Content-Type: text/plain; send no body at all instead.
      body: (init.method && init.method !== 'POST') || init.body === '' ? undefined : init.body ?? '{}',
    });
  }
}

function cookiesFrom(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}
