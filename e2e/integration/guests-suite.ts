import { and, eq } from 'drizzle-orm';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, guestSessions, shareLinks } from '@/db/schema';
import { createVerifier } from '@/lib/artifact-sdk/index';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { revokeShareLink } from '@/lib/gateway/sharing/share-links';
import { resetAddressThrottles } from '@/lib/platform/http/address-throttle';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';
import { newLink, secretOf } from './sharing-suite';

const APP = 'run_acme_dashboard';
const OTHER_APP = 'run_acme_onboarding';
const PUBLIC_APP = 'run_acme_public';

/** A browser's cookie jar, as small as the tests need: name → value. */
type Jar = Map<string, string>;
const jarHeader = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
function keep(jar: Jar, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const i = pair!.indexOf('=');
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
const guestCookie = (jar: Jar, appId: string) => jar.get(`agw_guest.${appId}`);

/** SPEC §15 over HTTP: opening a link, guest sessions, guest tokens, public apps. */
export function describeGuests(kind: DbKind) {
  describe(`share links and guests over HTTP on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { SESSION_MAX_AGE_SECONDS: '3600', RATE_LIMIT_GUEST_OPENS_PER_MINUTE: '0', RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    let aliceCookie: string;
    let bobCookie: string;
    let jwks: ReturnType<typeof createRemoteJWKSet>;

    beforeAll(async () => {
      aliceCookie = await gw.client.signIn('alice@acme.test');
      bobCookie = await gw.client.signIn('bob@globex.test');
      jwks = createRemoteJWKSet(new URL(`${gw.url}/.well-known/jwks.json`));
    });

    const get = (path: string, cookie = '') => fetch(`${gw.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const open = (secret: string, fields: Record<string, string>, jar: Jar = new Map(), session = '', headers: Record<string, string> = {}) =>
      fetch(`${gw.url}/s`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL, cookie: [session, jarHeader(jar)].filter(Boolean).join('; '), ...headers },
        body: new URLSearchParams({ secret, ...fields }),
      }).then((res) => (keep(jar, res), res));
    const mintGuest = (appId: string, jar: Jar, headers: Record<string, string> = { origin: APP_URL }) =>
      fetch(`${gw.url}/v1/app-gateway/${appId}/guest-session`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: jarHeader(jar), ...headers }, body: '{}' });
    const guestToken = async (appId: string, jar: Jar) => {
      const res = await mintGuest(appId, jar);
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    };
    const verifyGuest = async (token: string, appId = APP): Promise<JWTPayload> =>
      (await jwtVerify(token, jwks, { algorithms: ['ES256'], typ: 'app-guest+jwt', issuer: APP_URL, audience: appId })).payload;
    const linkRow = async (id: string) => (await (await getDb()).select().from(shareLinks).where(eq(shareLinks.id, id)))[0]!;

    it('GET /s/<secret> changes nothing, sends no-store and no-referrer, and offers "Continue as guest"', async () => {
      const link = await newLink(APP, { expiresInSeconds: 3600, maxUses: 1 });
      for (let i = 0; i < 3; i++) {
        const res = await get(`/s/${secretOf(link.url)}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        const html = await res.text();
        expect(html).toContain('Continue as guest');
        expect(html).toContain('Sales dashboard');
        expect(res.headers.getSetCookie()).toEqual([]);
      }
      expect(await linkRow(link.id)).toMatchObject({ uses: 0, lastUsedAt: null });
      expect(await (await getDb()).select().from(guestSessions).where(eq(guestSessions.shareId, link.id))).toEqual([]);
    });

    it('unknown, malformed, expired, revoked and used-up links all get one identical 404 page', async () => {
      const expired = await newLink(APP, { expiresInSeconds: 60 });
      await (await getDb()).update(shareLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(shareLinks.id, expired.id));
      const revoked = await newLink(APP);
      await revokeShareLink({ orgId: 'org_acme', shareId: revoked.id, actor: sessionActor('usr_alice') });
      const usedUp = await newLink(APP, { maxUses: 1 });
      expect((await open(secretOf(usedUp.url), { as: 'guest' })).status).toBe(303);
      const bodies = new Set<string>();
      for (const secret of ['A'.repeat(43), 'not-a-secret', secretOf(expired.url), secretOf(revoked.url), secretOf(usedUp.url)]) {
        const res = await get(`/s/${secret}`);
        expect(res.status).toBe(404);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        bodies.add(await res.text());
      }
      expect(bodies.size).toBe(1);
      // POST answers with the same page.
      const post = await open(secretOf(usedUp.url), { as: 'guest' });
      expect(post.status).toBe(404);
      expect(bodies.has(await post.text())).toBe(true);
    });

    it('a member the app is open to goes straight to /apps/{appId}; an outsider is offered "Continue as <name>"', async () => {
      const link = await newLink();
      const member = await get(`/s/${secretOf(link.url)}`, aliceCookie);
      expect(member.status).toBe(303);
      expect(member.headers.get('location')).toBe(`/apps/${APP}`);
      const outsider = await get(`/s/${secretOf(link.url)}`, bobCookie);
      expect(outsider.status).toBe(200);
      const html = await outsider.text();
      expect(html).toContain('Continue as Bob Bauer');
      expect(html).not.toContain('Continue as guest');
      expect(await linkRow(link.id)).toMatchObject({ uses: 0 });
    });

    it('"Continue as guest" counts one use, starts a guest session in its own cookie and leaves no secret in the address', async () => {
      const link = await newLink(APP, { expiresInSeconds: 3600 });
      const jar: Jar = new Map();
      const res = await open(secretOf(link.url), { as: 'guest', name: 'Ada\u0007 Lovelace' }, jar);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/apps/${APP}`);
      const setCookie = res.headers.getSetCookie().join('\n');
      expect(setCookie).toMatch(new RegExp(`^agw_guest\\.${APP}=[A-Za-z0-9_-]{43}; Path=/; Expires=.*; HttpOnly; SameSite=Lax$`));
      expect(setCookie).not.toContain(secretOf(link.url));
      expect(await linkRow(link.id)).toMatchObject({ uses: 1 });
      const [session] = await (await getDb()).select().from(guestSessions).where(eq(guestSessions.shareId, link.id));
      expect(session).toMatchObject({ appId: APP, orgId: 'org_acme', via: 'share_link', userId: null, displayName: 'Ada Lovelace' });
      expect(session!.guestSub).toMatch(/^gst_/);
      expect(JSON.stringify(session)).not.toContain(guestCookie(jar, APP));
      // The same browser opening the same link again counts nothing and keeps its session.
      expect((await open(secretOf(link.url), { as: 'guest' }, jar)).status).toBe(303);
      expect(await linkRow(link.id)).toMatchObject({ uses: 1 });
      const [audit, ...more] = await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.code, 'share_link_opened'), eq(auditEvents.shareId, link.id)));
      expect(more).toEqual([]);
      expect(audit).toMatchObject({ orgId: 'org_acme', appId: APP, authVia: 'share_link', sessionId: session!.id, userId: null });
      expect(JSON.stringify(audit)).not.toContain(secretOf(link.url));
    });

    it('a POST from another origin, or without Origin and Sec-Fetch-Site, opens nothing (403)', async () => {
      const link = await newLink();
      expect((await open(secretOf(link.url), { as: 'guest' }, new Map(), '', { origin: 'https://evil.example' })).status).toBe(403);
      expect((await open(secretOf(link.url), { as: 'guest' }, new Map(), '', { origin: '', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      // A no-referrer page's form posts with Origin: null: only Sec-Fetch-Site: same-origin (which no page can set) lets it through.
      expect((await open(secretOf(link.url), { as: 'guest' }, new Map(), '', { origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await open(secretOf(link.url), { as: 'guest' }, new Map(), '', { origin: 'null' })).status).toBe(403);
      expect(await linkRow(link.id)).toMatchObject({ uses: 0 });
    });

    it('the link page’s own form, as a browser posts it from a no-referrer page (Origin: null, Sec-Fetch-Site: same-origin), opens the link', async () => {
      const link = await newLink();
      const res = await open(secretOf(link.url), { as: 'guest' }, new Map(), '', { origin: 'null', 'sec-fetch-site': 'same-origin' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/apps/${APP}`);
      expect(await linkRow(link.id)).toMatchObject({ uses: 1 });
    });

    it('a signed-in outsider counts once whatever the browser, keeps their signed-in session, and is named in their guest token', async () => {
      const link = await newLink(APP, { maxUses: 1 });
      const jar: Jar = new Map();
      const first = await open(secretOf(link.url), { as: 'me' }, jar, bobCookie);
      expect(first.status).toBe(303);
      expect(first.headers.getSetCookie().some((c) => c.includes('session-token'))).toBe(false);
      // Another browser of Bob's: the link is used up for anyone else, but Bob already counts.
      const other: Jar = new Map();
      expect((await open(secretOf(link.url), { as: 'me' }, other, bobCookie)).status).toBe(303);
      expect(await linkRow(link.id)).toMatchObject({ uses: 1 });
      expect((await open(secretOf(link.url), { as: 'guest' })).status).toBe(404);
      const claims = await verifyGuest(await guestToken(APP, jar));
      expect(claims).toMatchObject({ sub: 'usr_bob', email: 'bob@globex.test', name: 'Bob Bauer (guest)', org_role: 'guest', auth_via: 'share_link', share_id: link.id });
      expect(claims).not.toHaveProperty('org_id');
      // Bob's member session is untouched: his own org's app still mints.
      expect((await gw.client.mint('run_globex_tracker', { cookie: bobCookie })).status).toBe(200);
    });

    it('many concurrent opens never overshoot a maximum', async () => {
      const link = await newLink(APP, { maxUses: 3 });
      const results = await Promise.all(Array.from({ length: 20 }, () => open(secretOf(link.url), { as: 'guest' })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 303)).toHaveLength(3);
      expect(statuses.filter((s) => s === 404)).toHaveLength(17);
      expect(await linkRow(link.id)).toMatchObject({ uses: 3 });
      expect(await (await getDb()).select().from(guestSessions).where(eq(guestSessions.shareId, link.id))).toHaveLength(3);
    });

    it('a guest token: typ app-guest+jwt, verified against the JWKS, no org_id, a stable gst_ sub, "<name> (guest)", never past its link', async () => {
      const link = await newLink(APP, { expiresInSeconds: 120 });
      const jar: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest', name: 'Ada' }, jar);
      const token = await guestToken(APP, jar);
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'app-guest+jwt' });
      const claims = await verifyGuest(token);
      const [session] = await (await getDb()).select().from(guestSessions).where(eq(guestSessions.shareId, link.id));
      expect(claims).toMatchObject({ iss: APP_URL, aud: APP, sub: session!.guestSub, sid: session!.id, name: 'Ada (guest)', org_role: 'guest', auth_via: 'share_link', share_id: link.id });
      for (const absent of ['org_id', 'email', 'workflow_id']) expect(claims).not.toHaveProperty(absent);
      expect(claims.exp! * 1000).toBeLessThanOrEqual((await linkRow(link.id)).expiresAt.getTime());
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(120);
      expect((claims.jti as string).length).toBeGreaterThanOrEqual(22);
      expect((await verifyGuest(await guestToken(APP, jar))).sub).toBe(claims.sub);
      // Nobody named: "Guest". A long name with control characters: clipped, ≤ 64 characters.
      const anon: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest', name: '   ' }, anon);
      expect((await verifyGuest(await guestToken(APP, anon))).name).toBe('Guest');
      const long: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest', name: `${'x'.repeat(100)}\n\u0000` }, long);
      const name = (await verifyGuest(await guestToken(APP, long))).name as string;
      expect(name.length).toBeLessThanOrEqual(64);
      expect(name).toMatch(/^x+ \(guest\)$/);
      // Every guest mint is audited, naming the share.
      const mints = await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.result, 'minted'), eq(auditEvents.shareId, link.id)));
      expect(mints.length).toBeGreaterThanOrEqual(4);
      expect(mints[0]).toMatchObject({ orgId: 'org_acme', appId: APP, authVia: 'share_link' });
    });

    it('the SDK refuses a guest token by default and, with guests: true, says role "guest"', async () => {
      const link = await newLink();
      const jar: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest' }, jar);
      const token = await guestToken(APP, jar);
      const jwksUri = `${gw.url}/.well-known/jwks.json`;
      await expect(createVerifier({ issuer: APP_URL, jwksUri }).verify(token, { audience: APP })).rejects.toMatchObject({ code: 'wrong_type' });
      expect(await createVerifier({ issuer: APP_URL, jwksUri, guests: true }).verify(token, { audience: APP })).toMatchObject({ role: 'guest', share_id: link.id });
    });

    it('a guest session opens its app only: another app, the member mint and other origins refuse it', async () => {
      const link = await newLink();
      const jar: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest' }, jar);
      const secret = guestCookie(jar, APP)!;
      // The same secret presented for another app (under that app's cookie name) is no session there.
      const elsewhere: Jar = new Map([[`agw_guest.${OTHER_APP}`, secret]]);
      expect((await mintGuest(OTHER_APP, elsewhere)).status).toBe(401);
      // The member mint, with the guest cookie only: unauthenticated.
      expect((await gw.client.mint(APP, { cookie: jarHeader(jar) })).status).toBe(401);
      // Not from the gateway's own page: refused before anything.
      expect((await mintGuest(APP, jar, { origin: 'https://evil.example' })).status).toBe(403);
      // No cookie at all: the one 401.
      expect((await mintGuest(APP, new Map())).status).toBe(401);
    });

    it('a guest reaches neither the management API nor the member mint: its cookie and its token count for nothing there', async () => {
      const link = await newLink();
      const jar: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest' }, jar);
      const token = await guestToken(APP, jar);
      for (const headers of [{ cookie: jarHeader(jar) }, { authorization: `Bearer ${token}` }] as Array<Record<string, string>>) {
        const api = await fetch(`${gw.url}/v1/orgs/org_acme/apps`, { headers });
        expect(api.status).toBe(401);
        expect(await api.json()).toMatchObject({ code: 'unauthenticated' });
      }
      // Nor is a guest token a credential for the member mint.
      const mint = await fetch(`${gw.url}/v1/app-gateway/${APP}/session`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{}' });
      expect(mint.status).toBe(401);
    });

    it('revoking the link ends its guests at once: the feed names them, and their next mint is 401', async () => {
      const link = await newLink();
      const anon: Jar = new Map();
      const bob: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest' }, anon);
      await open(secretOf(link.url), { as: 'me' }, bob, bobCookie);
      const anonSid = (await verifyGuest(await guestToken(APP, anon))).sid;
      const bobSid = (await verifyGuest(await guestToken(APP, bob))).sid;
      const { cursor } = await readFeed(gw.url);
      await revokeShareLink({ orgId: 'org_acme', shareId: link.id, actor: sessionActor('usr_alice') });
      expect(await newEntries(gw.url, cursor)).toEqual(expect.arrayContaining([{ sid: anonSid }, { sid: bobSid }, { sub: 'usr_bob', aud: APP }]));
      expect((await mintGuest(APP, anon)).status).toBe(401);
      expect((await mintGuest(APP, bob)).status).toBe(401);
    });

    it('a public app: anyone outside the org opens it as an anonymous guest (auth_via public), or as themselves', async () => {
      const anon: Jar = new Map();
      const start = (jar: Jar, fields: Record<string, string>, cookie = '', headers: Record<string, string> = {}) =>
        fetch(`${gw.url}/apps/${PUBLIC_APP}/guest`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_URL, cookie: [cookie, jarHeader(jar)].filter(Boolean).join('; '), ...headers },
          body: new URLSearchParams(fields),
        }).then((res) => (keep(jar, res), res));
      const res = await start(anon, { as: 'guest' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/apps/${PUBLIC_APP}`);
      const claims = await verifyGuest(await guestToken(PUBLIC_APP, anon), PUBLIC_APP);
      expect(claims).toMatchObject({ auth_via: 'public', org_role: 'guest', name: 'Guest' });
      expect(claims.sub).toMatch(/^gst_/);
      for (const absent of ['share_id', 'org_id', 'email']) expect(claims).not.toHaveProperty(absent);
      const bob: Jar = new Map();
      expect((await start(bob, { as: 'me' }, bobCookie)).status).toBe(303);
      expect(await verifyGuest(await guestToken(PUBLIC_APP, bob), PUBLIC_APP)).toMatchObject({ sub: 'usr_bob', email: 'bob@globex.test', auth_via: 'public' });
      // Not public, or not from the viewer page: refused.
      expect((await fetch(`${gw.url}/apps/${APP}/guest`, { method: 'POST', headers: { origin: APP_URL } })).status).toBe(404);
      expect((await start(new Map(), { as: 'guest' }, '', { origin: 'https://evil.example' })).status).toBe(403);
      // The viewer page sends no referrer, so a browser posts its form with Origin: null: only Sec-Fetch-Site: same-origin lets it through.
      expect((await start(new Map(), { as: 'guest' }, '', { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
      expect((await start(new Map(), { as: 'guest' }, '', { origin: 'null', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
      expect((await start(new Map(), { as: 'guest' }, '', { origin: 'null' })).status).toBe(403);
    });

    it('a guest session’s mints are rate-limited like a member’s (429 with Retry-After), each guest apart', async () => {
      await gw.restart({ RATE_LIMIT_MINTS_PER_MINUTE: '3' });
      const link = await newLink();
      const first: Jar = new Map();
      const second: Jar = new Map();
      await open(secretOf(link.url), { as: 'guest' }, first);
      await open(secretOf(link.url), { as: 'guest' }, second);
      for (let i = 0; i < 3; i++) expect((await mintGuest(APP, first)).status).toBe(200);
      const limited = await mintGuest(APP, first);
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ code: 'rate_limited' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await mintGuest(APP, second)).status).toBe(200);
      await gw.restart({ RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    });

    it('opening links and starting public guest sessions is throttled per client address (429 with Retry-After, before any look-up)', async () => {
      const link = await newLink();
      await gw.restart({ RATE_LIMIT_GUEST_OPENS_PER_MINUTE: '3' });
      resetAddressThrottles();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await get(`/s/${secretOf(link.url)}`)).status);
      expect(statuses).toEqual([200, 200, 200]);
      for (const path of [`/s/${secretOf(link.url)}`, `/s/${'B'.repeat(43)}`]) {
        const res = await get(path);
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      expect((await open(secretOf(link.url), { as: 'guest' })).status).toBe(429);
      const publicStart = await fetch(`${gw.url}/apps/${PUBLIC_APP}/guest`, { method: 'POST', redirect: 'manual', headers: { origin: APP_URL } });
      expect(publicStart.status).toBe(429);
      expect(publicStart.headers.get('retry-after')).not.toBeNull();
      expect(await linkRow(link.id)).toMatchObject({ uses: 0 });
    });
  });
}
