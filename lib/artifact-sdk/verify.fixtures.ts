// Test fixtures: a throwaway ES256 key, a local JWKS server that records every request, and token
// builders. Used by the SDK and artifact host tests only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTHeaderParameters } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function createSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return { kid, privateKey, publicKey, publicJwk };
}

/** A signing key and a JWKS server publishing it: the gateway as a verifier sees it, or an attacker's look-alike. */
export interface PublishedKey {
  key: SigningKey;
  jwks: RecordingServer;
}

export async function startPublishedKey(kid: string): Promise<PublishedKey> {
  const key = await createSigningKey(kid);
  return { key, jwks: await startJwksServer([key.publicJwk]) };
}

type JwksMode = 'ok' | 'server_error' | 'not_json' | 'not_a_key_set';

/** An HTTP server on 127.0.0.1 that answers anything with the current key set, and logs each request URL. */
export interface RecordingServer {
  origin: string;
  jwksUrl: string;
  requests: string[];
  keys: JWK[];
  mode: JwksMode;
  close(): Promise<void>;
}

export async function startJwksServer(keys: JWK[] = []): Promise<RecordingServer> {
  const state = { requests: [] as string[], keys, mode: 'ok' as JwksMode };
  const server = createServer((req, res) => {
    state.requests.push(req.url ?? '');
    if (state.mode === 'server_error') return void res.writeHead(500).end('down');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (state.mode === 'not_json') return void res.end('<html>');
    res.end(JSON.stringify(state.mode === 'not_a_key_set' ? { hello: 'world' } : { keys: state.keys }));
  });
  const origin = await listen(server);
  return Object.assign(state, {
    origin,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    close: () => closeServer(server),
  });
}

/** A port on 127.0.0.1 that nothing listens on (connection refused). */
export async function closedPortOrigin(): Promise<string> {
  const server = createServer();
  const origin = await listen(server);
  await closeServer(server);
  return origin;
}

export function validClaims(issuer: string, audience: string, now = Math.floor(Date.now() / 1000)) {
  return {
    iss: issuer,
    aud: audience,
    sub: 'user_alice',
    org_id: 'org_acme',
    sid: 'sess_0123456789abcdef0123456789abcdef',
    org_role: 'admin',
    workflow_id: 'wf_acme_reports',
    name: 'Alice Anders',
    email: 'alice@acme.test',
    auth_via: 'session',
    iat: now,
    nbf: now,
    exp: now + 300,
    jti: 'jti_0123456789abcdef0123456789abcdef',
  } as Record<string, unknown>;
}

/** A guest token's claims as the gateway signs them for an anonymous share-link guest (SPEC §15): no org, no email. */
export function validGuestClaims(issuer: string, audience: string, now = Math.floor(Date.now() / 1000)) {
  const { iat, nbf, exp, jti } = validClaims(issuer, audience, now);
  return {
    iss: issuer,
    aud: audience,
    sub: 'gst_0123456789abcdef01234567',
    name: 'Ada (guest)',
    sid: 'gss_0123456789abcdef01234567',
    org_role: 'guest',
    auth_via: 'share_link',
    share_id: 'shr_0123456789abcdef01234567',
    iat,
    nbf,
    exp,
    jti,
  } as Record<string, unknown>;
}

export function signToken(
  key: { kid: string; privateKey: CryptoKey | Uint8Array },
  claims: Record<string, unknown>,
  header: Partial<JWTHeaderParameters> = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'app-session+jwt', ...header })
    .sign(key.privateKey);
}

/** A compact token with any header, unsigned (for shapes jose's signer refuses to produce). */
export function craftToken(header: Record<string, unknown>, payload: Record<string, unknown>, signature = 'c2ln'): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${signature}`;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
