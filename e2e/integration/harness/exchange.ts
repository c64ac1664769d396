// Token exchange (SPEC §17) for the integration suites: the world it needs (resources, allowances,
// client secrets), token requests as any OAuth client sends them, and RFC 6749 §5.2 error checks.
import { expect } from 'vitest';
import { ACCESS_TOKEN_TOKEN_TYPE, JWT_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '@/lib/artifact-sdk/protocol';
import { setAppAllowance } from '@/lib/gateway/exchange/allowances';
import { createAppCredential } from '@/lib/gateway/exchange/credentials';
import { addResource } from '@/lib/gateway/exchange/resources';
import { demoResource } from '@/lib/gateway/demo/demo-world';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { keySnapshot } from '@/lib/gateway/keys/keyring';
import { signAppSession, type AppSessionClaims } from '@/lib/gateway/mint/sign';
import { ERRORS, type ProblemCode } from '@/lib/platform/http/problem';
import { APP_URL, type Gateway } from './gateway-fixture';

export const RESOURCE = 'platform-api';
export const OTHER_RESOURCE = 'billing-api';
const TOKEN_PATH = '/v1/app-gateway/token';

/** The apps' client secrets, by app id. */
export type Secrets = Record<string, string>;

/**
 * Resources `platform-api` (runs:read, runs:write; seeded with the demo world) and `billing-api` (invoices:read); the Acme
 * dashboard, the Acme onboarding app and the Globex tracker allowed runs:read on platform-api, each
 * with a client secret. Nothing is allowed on billing-api.
 */
export async function setUpExchangeWorld(): Promise<Secrets> {
  for (const r of [{ id: RESOURCE, scopes: ['runs:read', 'runs:write'] }, { id: OTHER_RESOURCE, scopes: ['invoices:read'] }]) {
    const added = await addResource({ ...r, actor: OPERATOR });
    // platform-api is the demo world's own (the seed adds it with these scopes, for the demo platform API).
    if (!added.ok && !(added.reason === 'exists' && r.id === demoResource.id)) throw new Error(`resource ${r.id}: ${added.reason}`);
  }
  const secrets: Secrets = {};
  for (const appId of ['run_acme_dashboard', 'run_acme_onboarding', 'run_globex_tracker']) {
    const allowed = await setAppAllowance({ appId, resourceId: RESOURCE, scopes: ['runs:read'], guests: false, orgId: null, actor: OPERATOR });
    if (!allowed.ok) throw new Error(`allowance for ${appId}: ${allowed.reason}`);
    const created = await createAppCredential({ appId, orgId: null, actor: OPERATOR });
    if (!created.ok) throw new Error(`credential for ${appId}: ${created.reason}`);
    secrets[appId] = created.secret;
  }
  return secrets;
}

/** `Authorization: Basic` as RFC 6749 §2.3.1 builds it (each part form-urlencoded first). */
export const basic = (clientId: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** The parameters of a valid exchange, to be overridden (null drops one). */
export const exchangeFields = (subjectToken: string, more: Record<string, string | string[] | null> = {}) => ({
  grant_type: TOKEN_EXCHANGE_GRANT,
  subject_token: subjectToken,
  subject_token_type: JWT_TOKEN_TYPE,
  requested_token_type: ACCESS_TOKEN_TOKEN_TYPE,
  audience: RESOURCE,
  scope: 'runs:read',
  ...more,
});

export type TokenRequestInit = { authorization?: string | null; contentType?: string; body?: string; method?: string };

/** POSTs a token request; `fields` are form-encoded unless `body` is given. */
export function tokenRequest(gw: Gateway, fields: Record<string, string | string[] | null>, init: TokenRequestInit = {}): Promise<Response> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
  }
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/x-www-form-urlencoded' };
  if (init.authorization) headers.authorization = init.authorization;
  return fetch(`${gw.url}${TOKEN_PATH}`, { method: init.method ?? 'POST', headers, body: init.body ?? form.toString() });
}

/** A token endpoint refusal as RFC 6749 §5.2 says: status, JSON `error` (and description, uri), no-store. */
export async function expectOAuthError(res: Response, code: ProblemCode): Promise<Record<string, unknown>> {
  const row = ERRORS[code] as { status: number; oauthError?: string };
  expect(row.oauthError, `${code} is a token endpoint code`).toBeTruthy();
  const body = (await res.json()) as Record<string, unknown>;
  expect({ status: res.status, body }).toMatchObject({ status: row.status, body: { error: row.oauthError } });
  expect(res.headers.get('content-type')).toBe('application/json');
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('pragma')).toBe('no-cache');
  expect(Object.keys(body).sort()).toEqual(['error', 'error_description', 'error_uri']);
  expect(body.error_description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/);
  expect(body.error_uri).toBe(`${APP_URL}/docs/errors#${code}`);
  if (code === 'invalid_client') expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
  else expect(res.headers.get('www-authenticate')).toBeNull();
  return body;
}

/** An app session token signed by this gateway's own key (in this process), with claims a mint would not give. */
export async function signedSubjectToken(claims: Record<string, unknown>, typ?: string): Promise<string> {
  const signer = (await keySnapshot()).signing!;
  const now = Math.floor(Date.now() / 1000);
  const full = {
    iss: APP_URL,
    aud: 'run_acme_dashboard',
    sub: 'usr_alice',
    org_id: 'org_acme',
    org_role: 'admin',
    workflow_id: 'wf_acme_reports',
    name: 'Alice Anders',
    email: 'alice@acme.test',
    auth_via: 'session',
    sid: 'ses_crafted',
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: `crafted-${now}-${Math.random()}`,
    ...claims,
  } as unknown as AppSessionClaims;
  const token = signAppSession(full, signer);
  if (!typ) return token;
  // Another typ: re-sign with the same key over a header that says it.
  const { sign } = await import('node:crypto');
  const header = Buffer.from(JSON.stringify({ alg: 'ES256', kid: signer.kid, typ })).toString('base64url');
  const input = `${header}.${token.split('.')[1]}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** The app session token a signed-in viewer's mint gives. */
export async function mintedToken(gw: Gateway, appId: string, cookie: string): Promise<string> {
  const res = await gw.client.mint(appId, { cookie });
  if (res.status !== 200) throw new Error(`mint of ${appId} answered ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
