import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oauth from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArtifactTokenError, createAccessTokenVerifier, createVerifier, createViewerExchange, TokenExchangeError } from '@/lib/artifact-sdk/index';
import { JWT_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '@/lib/artifact-sdk/protocol';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { createAppCredential, revokeAppCredential } from '@/lib/gateway/exchange/credentials';
import { execute, IN_CI, python } from './harness/artifact-examples';
import type { DbKind } from './harness/databases';
import { basic, exchangeFields, expectOAuthError, mintedToken, RESOURCE, setUpExchangeWorld, signedSubjectToken, tokenRequest, type Secrets } from './harness/exchange';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';

const APP = 'run_acme_dashboard';

/**
 * Clients nobody here wrote (openid-client, PyJWT), the SDK's two sides (exchangeForViewer and
 * createAccessTokenVerifier, the feed included), and the abuse cases of SECURITY.md §17.
 */
export function describeTokenExchangeClients(kind: DbKind) {
  describe(`token exchange with standard clients and the SDK on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    let secrets: Secrets;
    let cookie: string;
    let alice: string;

    beforeAll(async () => {
      secrets = await setUpExchangeWorld();
      cookie = await gw.client.signIn('alice@acme.test');
      alice = await mintedToken(gw, APP, cookie);
    });

    const exchanger = (appId = APP, secret = secrets[appId]!) =>
      createViewerExchange({ issuer: APP_URL, clientId: appId, clientSecret: secret, tokenEndpoint: `${gw.url}/v1/app-gateway/token` });
    const accessVerifier = (options: { requiredScope?: string; revocations?: boolean } = {}) =>
      createAccessTokenVerifier({
        issuer: APP_URL,
        audience: RESOURCE,
        jwksUri: `${gw.url}/.well-known/jwks.json`,
        revocationEndpoint: `${gw.url}/v1/app-gateway/revocations`,
        revocationPollSeconds: 1,
        ...options,
      });
    const codeOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (err: unknown) => (err instanceof ArtifactTokenError ? err.code : String(err)));
    /** The verifier's answer once the feed has had time to carry a revocation (PostgreSQL shows an entry once older transactions end). */
    async function eventually(check: () => Promise<string>, wanted: string): Promise<string> {
      const deadline = Date.now() + 30_000;
      let last = await check();
      while (last !== wanted && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        last = await check();
      }
      return last;
    }

    it('openid-client 6 discovers the token endpoint from RFC 8414 metadata and exchanges, unchanged', async () => {
      // The gateway's issuer is APP_URL; this test's server listens elsewhere, so requests are sent there.
      const toServer: oauth.CustomFetch = (url, options) => fetch(url.replace(APP_URL, gw.url), options as RequestInit);
      const config = await oauth.discovery(new URL(APP_URL), APP, undefined, oauth.ClientSecretBasic(secrets[APP]!), {
        algorithm: 'oauth2',
        execute: [oauth.allowInsecureRequests],
        [oauth.customFetch]: toServer,
      });
      expect(config.serverMetadata().token_endpoint).toBe(`${APP_URL}/v1/app-gateway/token`);
      const response = await oauth.genericGrantRequest(config, TOKEN_EXCHANGE_GRANT, {
        subject_token: alice,
        subject_token_type: JWT_TOKEN_TYPE,
        audience: RESOURCE,
        scope: 'runs:read',
      });
      expect(response.token_type).toBe('bearer');
      expect(response.scope).toBe('runs:read');
      const { payload } = await jwtVerify(response.access_token, createRemoteJWKSet(new URL(`${gw.url}/.well-known/jwks.json`)), { typ: 'at+jwt', issuer: APP_URL, audience: RESOURCE, algorithms: ['ES256'] });
      expect(payload).toMatchObject({ sub: 'usr_alice', client_id: APP, act: { sub: `app:${APP}` } });
      // A refusal reaches it as the RFC 6749 error it is.
      const refused = await oauth
        .genericGrantRequest(config, TOKEN_EXCHANGE_GRANT, { subject_token: alice, subject_token_type: JWT_TOKEN_TYPE, audience: RESOURCE, scope: 'runs:write' })
        .catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(oauth.ResponseBodyError);
      expect((refused as oauth.ResponseBodyError).error).toBe('invalid_scope');
    });

    it.skipIf(python.missing !== null && !IN_CI)('PyJWT verifies an access token against the JWKS (typ at+jwt, aud the resource, iss, exp)', async () => {
      const { accessToken } = await exchanger().exchangeForViewer({ subjectToken: alice, resource: RESOURCE, scope: 'runs:read' });
      const jwks = await (await fetch(`${gw.url}/.well-known/jwks.json`)).text();
      const script = [
        'import json, os, sys, jwt',
        'token = os.environ["TOKEN"]',
        'header = jwt.get_unverified_header(token)',
        'assert header["typ"] == "at+jwt" and header["alg"] == "ES256", header',
        'jwk = next(k for k in json.loads(os.environ["JWKS"])["keys"] if k["kid"] == header["kid"])',
        'claims = jwt.decode(token, jwt.PyJWK(jwk).key, algorithms=["ES256"], audience=os.environ["AUD"], issuer=os.environ["ISS"],',
        '                    options={"require": ["exp", "iat", "sub", "jti", "client_id", "scope"]})',
        'print(json.dumps(claims))',
      ].join('\n');
      const run = await execute('/usr/bin/python3', ['-c', script], { TOKEN: accessToken, JWKS: jwks, AUD: RESOURCE, ISS: APP_URL });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ sub: 'usr_alice', aud: RESOURCE, client_id: APP, scope: 'runs:read', org_id: 'org_acme' });
      const wrongAudience = await execute('/usr/bin/python3', ['-c', script], { TOKEN: accessToken, JWKS: jwks, AUD: APP, ISS: APP_URL });
      expect(wrongAudience.status).not.toBe(0);
      expect(wrongAudience.stderr).toContain('InvalidAudienceError');
    });

    it('the SDK: exchangeForViewer, then createAccessTokenVerifier with the scope it requires', async () => {
      const got = await exchanger().exchangeForViewer({ subjectToken: alice, resource: RESOURCE, scope: ['runs:read'] });
      expect(got.scope).toEqual(['runs:read']);
      expect(got.expiresAt.getTime()).toBeGreaterThan(Date.now());
      const verifier = accessVerifier({ requiredScope: 'runs:read' });
      try {
        const claims = await verifier.verify(got.accessToken);
        expect(claims).toMatchObject({ sub: 'usr_alice', org_id: 'org_acme', org_role: 'admin', client_id: APP, aud: RESOURCE, scopes: ['runs:read'], act: { sub: `app:${APP}` } });
        expect(await codeOf(verifier.verify(got.accessToken, { requiredScope: 'runs:write' }))).toBe('insufficient_scope');
      } finally {
        verifier.close();
      }
      const refused = await exchanger().exchangeForViewer({ subjectToken: alice, resource: RESOURCE, scope: 'runs:write' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TokenExchangeError);
      expect(refused).toMatchObject({ code: 'invalid_scope', status: 400 });
    });

    describe('abuse cases (SECURITY.md §17)', () => {
      it('a hostile artifact with its own credential cannot exchange another app’s viewer token', async () => {
        await expectOAuthError(await tokenRequest(gw, exchangeFields(alice), { authorization: basic('run_globex_tracker', secrets.run_globex_tracker!) }), 'invalid_grant');
        // Nor by naming the other app as client with its own secret.
        await expectOAuthError(await tokenRequest(gw, exchangeFields(alice), { authorization: basic(APP, secrets.run_globex_tracker!) }), 'invalid_client');
      });

      it('scope escalation: a scope the resource offers but the app was not allowed, or one it does not offer', async () => {
        for (const scope of ['runs:read runs:write', 'runs:admin']) {
          await expectOAuthError(await tokenRequest(gw, exchangeFields(alice, { scope }), { authorization: basic(APP, secrets[APP]!) }), 'invalid_scope');
        }
      });

      it('audience confusion: an access token never verifies as an app session token, nor an app session token as an access token', async () => {
        const { accessToken } = await exchanger().exchangeForViewer({ subjectToken: alice, resource: RESOURCE, scope: 'runs:read' });
        const sessionVerifier = createVerifier({ issuer: APP_URL, jwksUri: `${gw.url}/.well-known/jwks.json` });
        expect(await codeOf(sessionVerifier.verify(accessToken, { audience: RESOURCE }))).toBe('wrong_type');
        expect(await codeOf(sessionVerifier.verify(accessToken, { audience: APP }))).toBe('wrong_type');
        const verifier = accessVerifier({ revocations: false });
        expect(await codeOf(verifier.verify(alice))).toBe('wrong_type');
        // Even an app session token whose aud names the resource (the gateway never mints one: the ids never meet).
        expect(await codeOf(verifier.verify(await signedSubjectToken({ aud: RESOURCE })))).toBe('wrong_type');
        expect(await codeOf(verifier.verify(accessToken))).toBe('accepted');
      });

      it('replay of a revoked subject token: refused at the exchange, and its access tokens refused at the resource within a feed poll', async () => {
        const own = await gw.client.signIn('alice@acme.test');
        const subject = await mintedToken(gw, APP, own);
        const { accessToken } = await exchanger().exchangeForViewer({ subjectToken: subject, resource: RESOURCE, scope: 'runs:read' });
        const verifier = accessVerifier();
        try {
          expect(await codeOf(verifier.verify(accessToken))).toBe('accepted');
          await gw.client.signOut(own);
          await expectOAuthError(await tokenRequest(gw, exchangeFields(subject), { authorization: basic(APP, secrets[APP]!) }), 'invalid_grant');
          expect(await eventually(() => codeOf(verifier.verify(accessToken)), 'token_revoked')).toBe('token_revoked');
          // Alice's other session, and so her other tokens, are untouched.
          expect(await codeOf(verifier.verify((await exchanger().exchangeForViewer({ subjectToken: alice, resource: RESOURCE, scope: 'runs:read' })).accessToken))).toBe('accepted');
        } finally {
          verifier.close();
        }
      });

      it('a revoked client secret: no exchange with it, and the app’s access tokens are refused through the feed ({ aud: app } matches client_id)', async () => {
        const created = await createAppCredential({ appId: 'run_acme_onboarding', orgId: null, actor: OPERATOR });
        if (!created.ok) throw new Error(created.reason);
        const subject = await mintedToken(gw, 'run_acme_onboarding', cookie);
        const { accessToken } = await exchanger('run_acme_onboarding', created.secret).exchangeForViewer({ subjectToken: subject, resource: RESOURCE, scope: 'runs:read' });
        const verifier = accessVerifier();
        try {
          expect(await codeOf(verifier.verify(accessToken))).toBe('accepted');
          await revokeAppCredential({ id: created.id, orgId: null, actor: OPERATOR });
          const refused = await exchanger('run_acme_onboarding', created.secret).exchangeForViewer({ subjectToken: subject, resource: RESOURCE, scope: 'runs:read' }).catch((e: unknown) => e);
          expect(refused).toMatchObject({ code: 'invalid_client', status: 401 });
          expect(await eventually(() => codeOf(verifier.verify(accessToken)), 'token_revoked')).toBe('token_revoked');
        } finally {
          verifier.close();
        }
      });
    });
  });
}
