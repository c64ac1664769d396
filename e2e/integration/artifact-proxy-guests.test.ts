// The artifact proxy and guests (SPEC §15): a guest token (typ app-guest+jwt) opens a proxy session
// only for an app whose org's sharing switch allows the way the guest came; the upstream is told
// `X-App-Gateway-Org-Role: guest`, no org, and no email header for an anonymous guest.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP, cookiePair, LINKS_ONLY_HOST, ORIGIN, SHARING_OFF_HOST, startProxyWorld, untilRefusedUnforwarded, type ProxyWorld } from './harness/artifact-proxy-fixture';

let w: ProxyWorld;
beforeAll(async () => {
  w = await startProxyWorld();
});
afterAll(async () => w?.close());

const gatewayHeaders = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([n]) => n.startsWith('x-app-gateway-')));
const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe', accept: 'text/html' };

async function sessionCookie(token: string, host?: string): Promise<string> {
  const origin = host ? `http://${host}` : ORIGIN;
  const response = await w.exchange(token, origin, host);
  expect(response.status).toBe(204);
  return cookiePair(response.headers['set-cookie']);
}

async function upstreamSees(cookie: string, host?: string) {
  const before = w.seen.length;
  const response = await w.request('/api/whoami', { headers: { cookie, 'x-app-gateway-user-email': 'forged@evil.test', 'x-app-gateway-org-id': 'org_acme' } }, host);
  return { response, seen: w.seen.length > before ? w.seen[w.seen.length - 1]! : null };
}

describe('an anonymous share-link guest', () => {
  it('opens a session; the upstream sees role guest, its gst_ id and name, and neither an email nor an org header', async () => {
    const token = await w.guestToken();
    const { response, seen } = await upstreamSees(await sessionCookie(token));
    expect(response.status).toBe(200);
    expect(gatewayHeaders(seen!.headers)).toEqual({
      'x-app-gateway-assertion': token,
      'x-app-gateway-user-id': 'gst_0123456789abcdef01234567',
      'x-app-gateway-user-name': 'Ada%20(guest)',
      'x-app-gateway-org-role': 'guest',
    });
  });
});

describe('a signed-in person let in as a guest', () => {
  it('keeps their own id and email; still role guest and no org', async () => {
    const token = await w.guestToken({ sub: 'usr_bob', email: 'bob@globex.test', name: 'Bob Bauer (guest)' });
    const { seen } = await upstreamSees(await sessionCookie(token));
    expect(gatewayHeaders(seen!.headers)).toEqual({
      'x-app-gateway-assertion': token,
      'x-app-gateway-user-id': 'usr_bob',
      'x-app-gateway-user-email': 'bob@globex.test',
      'x-app-gateway-user-name': 'Bob%20Bauer%20(guest)',
      'x-app-gateway-org-role': 'guest',
    });
  });
});

describe('the org’s sharing switch', () => {
  it('links: a share-link guest is let in, a public app’s guest is not (401, no cookie)', async () => {
    const linked = await w.exchange(await w.guestToken({}, 'run_initech_plain'), `http://${LINKS_ONLY_HOST}`, LINKS_ONLY_HOST);
    expect(linked.status).toBe(204);
    const publicGuest = await w.guestToken({ auth_via: 'public', share_id: undefined }, 'run_initech_plain');
    const refused = await w.exchange(publicGuest, `http://${LINKS_ONLY_HOST}`, LINKS_ONLY_HOST);
    expect(refused.status).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'unauthenticated', reason: 'guests_not_allowed' });
    expect(refused.headers['set-cookie']).toBeUndefined();
  });

  it('links_and_public: a public app’s guest is let in', async () => {
    expect((await w.exchange(await w.guestToken({ auth_via: 'public', share_id: undefined }))).status).toBe(204);
  });

  it('off: no guest is let in, while members are', async () => {
    const origin = `http://${SHARING_OFF_HOST}`;
    const guest = await w.exchange(await w.guestToken({}, 'run_globex_plain'), origin, SHARING_OFF_HOST);
    expect(guest.status).toBe(401);
    expect(guest.json()).toMatchObject({ reason: 'guests_not_allowed' });
    const member = await w.exchange(await w.token({ aud: 'run_globex_plain', org_id: 'org_globex' }), origin, SHARING_OFF_HOST);
    expect(member.status).toBe(204);
  });

  it('off: someone outside the org with an app grant (SPEC §16, auth_via session) is let in: an admin approved them, not the switch', async () => {
    const origin = `http://${SHARING_OFF_HOST}`;
    const granted = await w.guestToken({ auth_via: 'session', share_id: undefined, sub: 'usr_dave', email: 'dave@example.test', name: 'Dave Diaz (guest)' }, 'run_globex_plain');
    const response = await w.exchange(granted, origin, SHARING_OFF_HOST);
    expect(response.status).toBe(204);
    const { seen } = await upstreamSees(cookiePair(response.headers['set-cookie']), SHARING_OFF_HOST);
    expect(gatewayHeaders(seen!.headers)).toMatchObject({ 'x-app-gateway-user-id': 'usr_dave', 'x-app-gateway-org-role': 'guest' });
  });

  it('turned down while a guest’s session is open: the next request is refused, its cookie cleared, nothing forwarded', async () => {
    const cookie = await sessionCookie(await w.guestToken({ jti: 'jti_switch_down' }));
    expect((await upstreamSees(cookie)).response.status).toBe(200);
    const acme = w.apps.get(ORIGIN)!;
    w.apps.set(ORIGIN, { ...acme, externalSharing: 'off' });
    try {
      const { response, seen } = await upstreamSees(cookie);
      expect(response.status).toBe(401);
      expect(seen).toBeNull();
      expect(response.headers['set-cookie']?.[0]).toMatch(/Max-Age=0/);
      const page = await w.request('/', { headers: { cookie, ...navigate } });
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/\/\.app-gateway\/bootstrap\.[A-Za-z0-9_-]{16}\.js/);
      // Members are not guests: the switch changes nothing for them.
      expect((await upstreamSees(await sessionCookie(await w.token()))).response.status).toBe(200);
    } finally {
      w.apps.set(ORIGIN, acme);
    }
  });
});

describe('a guest token is checked in full', () => {
  it.each([
    ['wrong_audience', () => w.guestToken({}, 'run_acme_dashboard')],
    ['token_malformed', () => w.guestToken({ org_id: 'org_acme' })],
    ['token_malformed', () => w.guestToken({ org_role: 'admin' })],
    ['token_malformed', () => w.guestToken({ auth_via: 'api_token' })],
    ['missing_claim', () => w.guestToken({ sid: undefined })],
  ])('refuses %s: 401, no cookie', async (reason, make) => {
    const response = await w.exchange(await make());
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ code: 'unauthenticated', reason });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('a guest token for this app opens no other app’s session, even on the same org', async () => {
    const response = await w.exchange(await w.guestToken(), `http://${LINKS_ONLY_HOST}`, LINKS_ONLY_HOST);
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ reason: 'wrong_audience' });
  });
});

describe('revoking a guest (its link revoked or expired, its session ended)', () => {
  it('ends its proxy session within the feed poll by its sid; other guests go on', async () => {
    const leaving = await sessionCookie(await w.guestToken({ sid: 'gss_leaving', jti: 'jti_leaving' }));
    const staying = await sessionCookie(await w.guestToken({ sid: 'gss_staying', jti: 'jti_staying' }));
    w.feed.revoke({ sid: 'gss_leaving' });
    await untilRefusedUnforwarded(async () => {
      const { response, seen } = await upstreamSees(leaving);
      return { status: response.status, reached: seen !== null };
    });
    expect((await upstreamSees(staying)).response.status).toBe(200);
  }, 30_000);

  it('a signed-in person’s guest session ends by { sub, aud } too', async () => {
    const cookie = await sessionCookie(await w.guestToken({ sub: 'usr_carol', email: 'carol@globex.test', sid: 'gss_carol', jti: 'jti_carol' }));
    expect((await upstreamSees(cookie)).response.status).toBe(200);
    w.feed.revoke({ sub: 'usr_carol', aud: APP });
    await vi.waitFor(async () => expect((await upstreamSees(cookie)).response.status).toBe(401), { timeout: 25_000, interval: 500 });
  }, 30_000);
});
