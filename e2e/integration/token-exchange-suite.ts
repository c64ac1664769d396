import { and, desc, eq, sql } from 'drizzle-orm';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb, observeStatements } from '@/db/client';
import { appCredentials, appGrants, auditEvents, guestSessions, memberships, runs } from '@/db/schema';
import { ACCESS_TOKEN_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '@/lib/artifact-sdk/protocol';
import { setAppAccessRule } from '@/lib/gateway/access/app-access';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import type { DbKind } from './harness/databases';
import {
  basic,
  exchangeFields,
  expectOAuthError,
  mintedToken,
  OTHER_RESOURCE,
  RESOURCE,
  setUpExchangeWorld,
  signedSubjectToken,
  tokenRequest,
  type Secrets,
} from './harness/exchange';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';

const APP = 'run_acme_dashboard';
const RATE_LIMIT = 5;

/** POST /v1/app-gateway/token (SPEC §17): the answer, and every refusal with its exact RFC 6749 §5.2 body and headers. */
export function describeTokenExchange(kind: DbKind) {
  describe(`POST /v1/app-gateway/token on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { RATE_LIMIT_EXCHANGES_PER_MINUTE: String(RATE_LIMIT), RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    let secrets: Secrets;
    const cookies: Record<string, string> = {};
    let alice: string;
    const auth = (appId = APP) => ({ authorization: basic(appId, secrets[appId]!) });

    beforeAll(async () => {
      secrets = await setUpExchangeWorld();
      for (const who of ['alice@acme.test', 'carol@example.test']) cookies[who.split('@')[0]!] = await gw.client.signIn(who);
      alice = await mintedToken(gw, APP, cookies.alice!);
    });
    // The per-app rate limit is low here so that one test reaches it: the others start below it.
    beforeEach(async () => void (await (await getDb()).execute(sql`delete from exchange_rate_window`)));

    describe('200: an access token (RFC 8693 §2.2, RFC 9068)', () => {
      it('verifies against the JWKS as at+jwt with the claims of §17, exp no later than the subject token’s', async () => {
        const res = await tokenRequest(gw, exchangeFields(alice), auth());
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('pragma')).toBe('no-cache');
        const body = (await res.json()) as Record<string, unknown>;
        expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'issued_token_type', 'scope', 'token_type']);
        expect(body).toMatchObject({ issued_token_type: ACCESS_TOKEN_TOKEN_TYPE, token_type: 'Bearer', scope: 'runs:read' });
        const jwks = createRemoteJWKSet(new URL(`${gw.url}/.well-known/jwks.json`));
        const { payload, protectedHeader } = await jwtVerify(body.access_token as string, jwks, { algorithms: ['ES256'], typ: 'at+jwt', issuer: APP_URL, audience: RESOURCE });
        const subject = await gw.verify(alice, APP);
        expect(protectedHeader).toEqual({ alg: 'ES256', kid: gw.kid(alice), typ: 'at+jwt' });
        expect(payload).toEqual({
          iss: APP_URL,
          sub: 'usr_alice',
          aud: RESOURCE,
          client_id: APP,
          scope: 'runs:read',
          org_id: 'org_acme',
          org_role: 'admin',
          sid: subject.sid,
          act: { sub: `app:${APP}` },
          jti: expect.any(String),
          iat: expect.any(Number),
          exp: expect.any(Number),
        });
        expect(payload.exp).toBeLessThanOrEqual(subject.exp!);
        expect(body.expires_in).toBe(payload.exp! - payload.iat!);
        expect(Buffer.from(payload.jti!, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      });

      it('an access token expires with its subject token, however long the gateway would let it live', async () => {
        const soon = Math.floor(Date.now() / 1000) + 61;
        const res = await tokenRequest(gw, exchangeFields(await signedSubjectToken({ exp: soon })), auth());
        expect(res.status).toBe(200);
        const body = (await res.json()) as { access_token: string; expires_in: number };
        const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString()) as { exp: number };
        expect(payload.exp).toBe(soon);
        expect(body.expires_in).toBeLessThanOrEqual(61);
      });

      it('takes client credentials that are %-encoded before base64 (RFC 6749 §2.3.1)', async () => {
        const encoded = (s: string) => s.replace(/_/g, '%5F').replace(/-/g, '%2D');
        const authorization = `Basic ${Buffer.from(`${encoded(APP)}:${encoded(secrets[APP]!)}`).toString('base64')}`;
        expect(authorization).toContain(Buffer.from('run%5F').toString('base64').slice(0, 4));
        expect((await tokenRequest(gw, exchangeFields(alice), { authorization })).status).toBe(200);
      });

      it('is one database round trip, and audited with the access token’s jti in the app’s org', async () => {
        let statements = 0;
        observeStatements(() => statements++);
        let res: Response;
        try {
          res = await tokenRequest(gw, exchangeFields(alice), auth());
        } finally {
          observeStatements(null);
        }
        expect(res.status).toBe(200);
        expect(statements).toBe(1);
        const { access_token } = (await res.json()) as { access_token: string };
        const jti = (JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()) as { jti: string }).jti;
        const [row] = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.jti, jti));
        expect(row).toMatchObject({ result: 'minted', code: 'token_exchanged', userId: 'usr_alice', appId: APP, orgId: 'org_acme', workflowId: 'wf_acme_reports', detail: `${RESOURCE}: runs:read` });
        expect(JSON.stringify(row)).not.toContain(access_token.split('.')[2]);
        expect(JSON.stringify(row)).not.toContain(secrets[APP]);
      });
    });

    describe('401 invalid_client, with WWW-Authenticate: Basic', () => {
      it('no credentials, a malformed header, a wrong secret, another app’s secret', async () => {
        const cases = [
          null,
          'Bearer abc',
          'Basic !!!',
          `Basic ${Buffer.from(`${APP}`).toString('base64')}`,
          basic(APP, 'agw_cs_' + 'x'.repeat(43)),
          basic(APP, secrets.run_globex_tracker!),
          basic('run_nope', secrets[APP]!),
          `Basic ${Buffer.from(`${APP}:%zz`).toString('base64')}`,
        ];
        for (const authorization of cases) await expectOAuthError(await tokenRequest(gw, exchangeFields(alice), { authorization }), 'invalid_client');
      });

      it('comes before every other refusal: a bad client learns nothing about its request', async () => {
        const bad = { authorization: basic(APP, 'agw_cs_' + 'y'.repeat(43)) };
        await expectOAuthError(await tokenRequest(gw, { grant_type: 'password' }, bad), 'invalid_client');
        await expectOAuthError(await tokenRequest(gw, exchangeFields('not.a.token'), bad), 'invalid_client');
        await expectOAuthError(await tokenRequest(gw, exchangeFields(alice), { ...bad, contentType: 'application/json', body: '{}' }), 'invalid_client');
      });

      it('an expired secret, a deleted app’s secret, and a revoked one', async () => {
        const db = await getDb();
        const [cred] = await db.select().from(appCredentials).where(eq(appCredentials.appId, 'run_acme_onboarding'));
        const onboarding = await mintedToken(gw, 'run_acme_onboarding', cookies.alice!);
        expect((await tokenRequest(gw, exchangeFields(onboarding), auth('run_acme_onboarding'))).status).toBe(200);
        await db.update(appCredentials).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(appCredentials.id, cred!.id));
        await expectOAuthError(await tokenRequest(gw, exchangeFields(onboarding), auth('run_acme_onboarding')), 'invalid_client');
        await db.update(appCredentials).set({ expiresAt: sql`now() + interval '1 day'` }).where(eq(appCredentials.id, cred!.id));
        await db.update(runs).set({ deletedAt: new Date() }).where(eq(runs.id, 'run_acme_onboarding'));
        await expectOAuthError(await tokenRequest(gw, exchangeFields(onboarding), auth('run_acme_onboarding')), 'invalid_client');
        await db.update(runs).set({ deletedAt: null }).where(eq(runs.id, 'run_acme_onboarding'));
        expect((await tokenRequest(gw, exchangeFields(onboarding), auth('run_acme_onboarding'))).status).toBe(200);
        expect(await revokeAppCredential({ id: cred!.id, orgId: null, actor: OPERATOR })).toEqual({ appId: 'run_acme_onboarding' });
        await expectOAuthError(await tokenRequest(gw, exchangeFields(onboarding), auth('run_acme_onboarding')), 'invalid_client');
      });

      it('audited as the platform’s (no org), naming the client as sent', async () => {
        await tokenRequest(gw, exchangeFields(alice), { authorization: basic('run_probe_x', 'agw_cs_' + 'z'.repeat(43)) });
        const [row] = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.appId, 'run_probe_x')).orderBy(desc(auditEvents.id)).limit(1);
        expect(row).toMatchObject({ result: 'denied', code: 'invalid_client', orgId: null, jti: null });
      });
    });

    describe('400 invalid_grant: the subject token', () => {
      it('malformed, tampered, expired, from another issuer, for another app, of another type, or a guest’s', async () => {
        const [h, p, s] = alice.split('.') as [string, string, string];
        const other = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
        const tampered = `${h}.${Buffer.from(JSON.stringify({ ...other, sub: 'usr_carol' })).toString('base64url')}.${s}`;
        const now = Math.floor(Date.now() / 1000);
        const cases = [
          'not-a-jwt',
          tampered,
          `${h}.${p}.`,
          await signedSubjectToken({ iat: now - 400, nbf: now - 400, exp: now - 100 }),
          await signedSubjectToken({ iss: 'https://evil.example' }),
          await mintedToken(gw, 'run_acme_onboarding', cookies.alice!),
          await signedSubjectToken({}, 'at+jwt'),
          await signedSubjectToken({ org_id: undefined, org_role: 'guest' }, 'app-guest+jwt'),
          await signedSubjectToken({ sid: undefined }),
        ];
        for (const token of cases) await expectOAuthError(await tokenRequest(gw, exchangeFields(token), auth()), 'invalid_grant');
      });

      it('an access token is never a subject token', async () => {
        const res = await tokenRequest(gw, exchangeFields(alice), auth());
        const { access_token } = (await res.json()) as { access_token: string };
        await expectOAuthError(await tokenRequest(gw, exchangeFields(access_token), auth()), 'invalid_grant');
      });

      it('revoked: the viewer signed out (the feed’s sid entry)', async () => {
        const cookie = await gw.client.signIn('alice@acme.test');
        const token = await mintedToken(gw, APP, cookie);
        expect((await tokenRequest(gw, exchangeFields(token), auth())).status).toBe(200);
        await gw.client.signOut(cookie);
        const body = await expectOAuthError(await tokenRequest(gw, exchangeFields(token), auth()), 'invalid_grant');
        expect(body.error_description).toBe('The subject token was revoked.');
      });

      it('the viewer may no longer open the app: removed from the org, or left out by its access rule', async () => {
        const db = await getDb();
        const carol = await mintedToken(gw, 'run_globex_tracker', cookies.carol!);
        expect((await tokenRequest(gw, exchangeFields(carol), auth('run_globex_tracker'))).status).toBe(200);
        // Straight in the table: the feed entry a removal writes would refuse the token on its own.
        await db.delete(memberships).where(and(eq(memberships.userId, 'usr_carol'), eq(memberships.orgId, 'org_globex')));
        const body = await expectOAuthError(await tokenRequest(gw, exchangeFields(carol), auth('run_globex_tracker')), 'invalid_grant');
        expect(body.error_description).toBe('The viewer may no longer open this app.');
        await db.insert(memberships).values({ userId: 'usr_carol', orgId: 'org_globex', role: 'admin' });

        const carolAcme = await signedSubjectToken({ sub: 'usr_carol', org_role: 'member', sid: 'ses_carol' });
        expect((await tokenRequest(gw, exchangeFields(carolAcme), auth())).status).toBe(200);
        await db.update(runs).set({ accessRule: 'admins' }).where(eq(runs.id, APP));
        try {
          await expectOAuthError(await tokenRequest(gw, exchangeFields(carolAcme), auth()), 'invalid_grant');
          expect((await tokenRequest(gw, exchangeFields(alice), auth())).status).toBe(200); // an admin still may
        } finally {
          await db.update(runs).set({ accessRule: 'everyone' }).where(eq(runs.id, APP));
        }
      });

      it('a member the rule leaves out is acted for while an app grant admits her (SPEC §16), and not once it ends', async () => {
        const db = await getDb();
        const carolAcme = await signedSubjectToken({ sub: 'usr_carol', org_role: 'member', sid: 'ses_carol_grant' });
        await db.update(runs).set({ accessRule: 'admins' }).where(eq(runs.id, APP));
        try {
          await expectOAuthError(await tokenRequest(gw, exchangeFields(carolAcme), auth()), 'invalid_grant');
          // Straight in the table (the grant's own end writes a feed entry that would refuse the token by itself).
          await db.insert(appGrants).values({ id: 'grt_exchange_test_grant_0001', appId: APP, orgId: 'org_acme', userId: 'usr_carol', endsAt: new Date(Date.now() + 3_600_000) });
          expect((await tokenRequest(gw, exchangeFields(carolAcme), auth())).status).toBe(200);
          await db.update(appGrants).set({ endsAt: new Date(Date.now() - 1000) }).where(eq(appGrants.id, 'grt_exchange_test_grant_0001'));
          const body = await expectOAuthError(await tokenRequest(gw, exchangeFields(carolAcme), auth()), 'invalid_grant');
          expect(body.error_description).toBe('The viewer may no longer open this app.');
        } finally {
          await db.delete(appGrants).where(eq(appGrants.id, 'grt_exchange_test_grant_0001'));
          await db.update(runs).set({ accessRule: 'everyone' }).where(eq(runs.id, APP));
        }
      });

      it('a guest (app-guest+jwt) only where the allowance says guests, and only while the guest session is on; the access token has org_role guest and no org_id', async () => {
        const app = 'run_acme_onboarding';
        const db = await getDb();
        // A secret of its own (an earlier test revokes the world's one for this app).
        const credential = await createAppCredential({ appId: app, orgId: null, actor: OPERATOR });
        if (!credential.ok) throw new Error('no credential');
        const client = { authorization: basic(app, credential.secret) };
        const session = { id: 'gss_exchange_test_0000000001', secretHash: `exchange-test-${kind}`, appId: app, orgId: 'org_acme', via: 'public' as const, guestSub: 'gst_exchange_test', expiresAt: new Date(Date.now() + 3_600_000) };
        await db.insert(guestSessions).values(session);
        const guest = await signedSubjectToken(
          // iat a second ahead: an earlier test's credential revocation writes { aud: <this app> } maybe within this very second.
          { aud: app, sub: 'gst_exchange_test', org_id: undefined, org_role: 'guest', workflow_id: undefined, email: undefined, name: 'Guest (guest)', auth_via: 'public', sid: session.id, iat: Math.floor(Date.now() / 1000) + 1 },
          'app-guest+jwt',
        );
        const notForGuests = await expectOAuthError(await tokenRequest(gw, exchangeFields(guest), client), 'invalid_grant');
        expect(notForGuests.error_description).toBe('This app may not act for guests on the resource.');
        // Widening an allowance writes no feed entry (narrowing would revoke the app's tokens).
        expect((await setAppAllowance({ appId: app, resourceId: RESOURCE, scopes: ['runs:read'], guests: true, orgId: null, actor: OPERATOR })).ok).toBe(true);
        const res = await tokenRequest(gw, exchangeFields(guest), client);
        expect(res.status).toBe(200);
        const claims = decodeJwt(((await res.json()) as { access_token: string }).access_token);
        expect(claims).toMatchObject({ sub: 'gst_exchange_test', org_role: 'guest', client_id: app, aud: RESOURCE, sid: session.id, act: { sub: `app:${app}` } });
        expect(claims).not.toHaveProperty('org_id');
        // Its guest session ended (straight in the table: the feed's sid entry would refuse it on its own).
        await db.update(guestSessions).set({ endedAt: new Date() }).where(eq(guestSessions.id, session.id));
        const ended = await expectOAuthError(await tokenRequest(gw, exchangeFields(guest), client), 'invalid_grant');
        expect(ended.error_description).toBe('The viewer may no longer open this app.');
        // A guest token naming a session of another app, or another guest's, opens nothing either.
        const forged = await signedSubjectToken({ aud: app, sub: 'gst_someone_else', org_id: undefined, org_role: 'guest', sid: 'gss_unknown' }, 'app-guest+jwt');
        await expectOAuthError(await tokenRequest(gw, exchangeFields(forged), client), 'invalid_grant');
      });

      it('revoked: an access rule change dropped the viewer (the feed’s sub + aud entry), even once the rule opens again', async () => {
        const now = Math.floor(Date.now() / 1000);
        const before = await signedSubjectToken({ aud: 'run_acme_dashboard', sub: 'usr_carol', org_role: 'member', sid: 'ses_carol2', iat: now - 5, nbf: now - 5 });
        const changed = await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'admins', memberIds: [], actor: OPERATOR });
        expect(changed.ok && changed.dropped.map((m) => m.userId)).toEqual(['usr_carol']);
        await setAppAccessRule({ orgId: 'org_acme', appId: APP, rule: 'everyone', memberIds: [], actor: OPERATOR });
        const body = await expectOAuthError(await tokenRequest(gw, exchangeFields(before), auth()), 'invalid_grant');
        expect(body.error_description).toBe('The subject token was revoked.');
        const after = await signedSubjectToken({ sub: 'usr_carol', org_role: 'member', sid: 'ses_carol2', iat: now + 2 });
        expect((await tokenRequest(gw, exchangeFields(after), auth())).status).toBe(200);
      });
    });

    describe('400 invalid_target', () => {
      it('an unknown resource, an app id as the audience, two audiences, or `resource` instead of audience', async () => {
        const cases: Array<Record<string, string | string[] | null>> = [{ audience: 'nope-api' }, { audience: APP }, { audience: [RESOURCE, OTHER_RESOURCE] }, { audience: [RESOURCE, RESOURCE] }, { audience: null, resource: 'https://api.example' }];
        for (const more of cases) {
          await expectOAuthError(await tokenRequest(gw, exchangeFields(alice, more), auth()), 'invalid_target');
        }
      });
    });

    describe('400 invalid_scope', () => {
      it('no scope, an empty one, one not allowed to the app, one the resource does not offer, a resource the app has no allowance on', async () => {
        const cases: Array<Record<string, string | string[] | null>> = [{ scope: null }, { scope: '' }, { scope: 'runs:write' }, { scope: 'runs:read runs:write' }, { scope: 'runs:delete' }, { audience: OTHER_RESOURCE, scope: 'invoices:read' }, { scope: 'runs:read\u00e9' }];
        for (const more of cases) {
          await expectOAuthError(await tokenRequest(gw, exchangeFields(alice, more), auth()), 'invalid_scope');
        }
      });
    });

    describe('400 unsupported_grant_type and invalid_request', () => {
      it('another grant type', async () => {
        for (const grant of ['client_credentials', 'authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer']) {
          await expectOAuthError(await tokenRequest(gw, exchangeFields(alice, { grant_type: grant }), auth()), 'unsupported_grant_type');
        }
      });

      it('malformed requests', async () => {
        const cases: Array<[Record<string, string | string[] | null>, { contentType?: string; body?: string }?]> = [
          [exchangeFields(alice, { grant_type: null })],
          [exchangeFields(alice, { subject_token: null })],
          [exchangeFields(alice, { subject_token_type: null })],
          [exchangeFields(alice, { subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' })],
          [exchangeFields(alice, { requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' })],
          [exchangeFields(alice, { audience: null })],
          [exchangeFields(alice, { grant_type: [TOKEN_EXCHANGE_GRANT, TOKEN_EXCHANGE_GRANT] })],
          [exchangeFields(alice, { scope: ['runs:read', 'runs:read'] })],
          [exchangeFields(alice, { actor_token: alice, actor_token_type: 'urn:ietf:params:oauth:token-type:jwt' })],
          [exchangeFields(alice, { client_secret: secrets[APP]! })],
          [exchangeFields(alice, { client_id: 'run_globex_tracker' })],
          [exchangeFields(alice), { contentType: 'application/json', body: JSON.stringify(exchangeFields(alice)) }],
          [exchangeFields(alice), { contentType: 'text/plain' }],
          [exchangeFields(alice), { body: `${new URLSearchParams(exchangeFields(alice) as Record<string, string>).toString()}&pad=${'x'.repeat(17_000)}` }],
        ];
        for (const [fields, init] of cases) await expectOAuthError(await tokenRequest(gw, fields, { ...auth(), ...init }), 'token_invalid_request');
      });

      it('a client_id in the body equal to the authenticated one is fine', async () => {
        expect((await tokenRequest(gw, exchangeFields(alice, { client_id: APP }), auth())).status).toBe(200);
      });

      it('every refusal of an authenticated client is in the app’s org’s audit log, with its reason', async () => {
        await tokenRequest(gw, exchangeFields(alice, { scope: 'runs:write' }), auth());
        const [row] = await (await getDb()).select().from(auditEvents).where(and(eq(auditEvents.appId, APP), eq(auditEvents.code, 'invalid_scope'))).orderBy(desc(auditEvents.id)).limit(1);
        expect(row).toMatchObject({ result: 'denied', orgId: 'org_acme', userId: 'usr_alice', detail: 'A requested scope is not allowed to this app on the resource.', jti: null });
      });

      it('405 for other methods', async () => {
        const res = await fetch(`${gw.url}/v1/app-gateway/token`);
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('POST');
      });
    });

    describe('429: rate-limited per app', () => {
      it(`after ${RATE_LIMIT} access tokens a minute for one app, with Retry-After; another app is not affected`, async () => {
        const token = await mintedToken(gw, 'run_globex_tracker', cookies.carol!);
        for (let i = 0; i < RATE_LIMIT; i++) expect((await tokenRequest(gw, exchangeFields(token), auth('run_globex_tracker'))).status).toBe(200);
        const res = await tokenRequest(gw, exchangeFields(token), auth('run_globex_tracker'));
        await expectOAuthError(res, 'token_rate_limited');
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect((await tokenRequest(gw, exchangeFields(alice), auth())).status).toBe(200);
      });
    });

    describe('metadata', () => {
      it('the discovery document names the token endpoint and the grant type', async () => {
        const doc = (await (await fetch(`${gw.url}/.well-known/app-gateway`)).json()) as Record<string, unknown>;
        expect(doc).toMatchObject({ token_endpoint: `${APP_URL}/v1/app-gateway/token`, grant_types_supported: [TOKEN_EXCHANGE_GRANT] });
      });

      it('RFC 8414 authorization server metadata, without revocation_endpoint', async () => {
        const res = await fetch(`${gw.url}/.well-known/oauth-authorization-server`);
        expect(res.status).toBe(200);
        expect(res.headers.get('access-control-allow-origin')).toBe('*');
        expect(await res.json()).toEqual({
          issuer: APP_URL,
          token_endpoint: `${APP_URL}/v1/app-gateway/token`,
          jwks_uri: `${APP_URL}/.well-known/jwks.json`,
          grant_types_supported: [TOKEN_EXCHANGE_GRANT],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      });

      it('the access token is signed with the key the JWKS publishes', async () => {
        const { access_token } = (await (await tokenRequest(gw, exchangeFields(alice), auth())).json()) as { access_token: string };
        const { keys } = (await (await fetch(`${gw.url}/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> };
        expect(keys.map((k) => k.kid)).toContain(decodeProtectedHeader(access_token).kid);
      });
    });
  });
}
