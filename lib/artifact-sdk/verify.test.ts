import { exportSPKI, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ArtifactTokenError, createVerifier, type ArtifactTokenErrorCode, type ArtifactTokenVerifier } from './index.ts';
import { closedPortOrigin, craftToken, createSigningKey, signToken, startJwksServer, startPublishedKey, validClaims, type PublishedKey, type RecordingServer, type SigningKey } from './verify.fixtures.ts';

const APP = 'run_acme_dashboard';
let key: SigningKey;
let jwks: RecordingServer;
let attacker: PublishedKey;
let issuer: string;
let verifier: ArtifactTokenVerifier;

beforeAll(async () => {
  key = await createSigningKey('k1');
  attacker = await startPublishedKey('k2');
});
afterAll(() => attacker.jwks.close());

beforeEach(async () => {
  jwks = await startJwksServer([key.publicJwk]);
  issuer = jwks.origin; // so the default jwksUri `${issuer}/.well-known/jwks.json` is this server
  verifier = createVerifier({ issuer });
  attacker.jwks.requests.length = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  await jwks.close();
});

const claims = (overrides: Record<string, unknown> = {}) => ({ ...validClaims(issuer, APP), ...overrides });

async function expectCode(token: unknown, code: ArtifactTokenErrorCode, audience = APP): Promise<void> {
  const error = await verifier.verify(token, { audience }).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ArtifactTokenError);
  expect((error as ArtifactTokenError).code).toBe(code);
}

describe('createVerifier().verify', () => {
  it('returns the typed claims of a valid token, fetching the JWKS from the issuer by default', async () => {
    const token = await signToken(key, claims());
    const result = await verifier.verify(token, { audience: APP });
    expect(result).toEqual({ ...validClaims(issuer, APP, result.iat) });
    expect(jwks.requests).toEqual(['/.well-known/jwks.json']);
  });

  it('caches the key set across verifications', async () => {
    for (let i = 0; i < 3; i++) await verifier.verify(await signToken(key, claims()), { audience: APP });
    expect(jwks.requests).toHaveLength(1);
  });

  it('uses an explicit jwksUri and tolerates up to the configured clock skew', async () => {
    const strict = createVerifier({ issuer, jwksUri: `${jwks.origin}/keys`, clockToleranceSeconds: 5 });
    const now = Math.floor(Date.now() / 1000);
    await expect(strict.verify(await signToken(key, claims({ exp: now - 3 })), { audience: APP })).resolves.toBeTruthy();
    await expect(strict.verify(await signToken(key, claims({ exp: now - 10 })), { audience: APP })).rejects.toMatchObject({
      code: 'token_expired',
    });
    expect(jwks.requests).toEqual(['/keys']);
  });

  it('refuses a clock tolerance above 60 seconds', () => {
    expect(() => createVerifier({ issuer, clockToleranceSeconds: 61 })).toThrow(RangeError);
    expect(() => createVerifier({ issuer, clockToleranceSeconds: -1 })).toThrow(RangeError);
  });
});

describe('rejections before any key lookup', () => {
  afterEach(() => {
    expect(jwks.requests).toEqual([]);
  });

  it.each([undefined, null, ''])('token_missing for %j', async (token) => {
    await expectCode(token, 'token_missing');
  });

  it.each([
    ['a number', 42],
    ['an object', { token: 'x' }],
    ['one part', 'abc'],
    ['two parts', 'abc.def'],
    ['four parts', 'a.b.c.d'],
    ['an empty header', '.e30.sig'],
    ['non-base64url characters', 'ab+c.def.ghi'],
    ['whitespace', ' eyJhbGciOiJFUzI1NiJ9.e30.sig'],
    ['a header that is not JSON', `${Buffer.from('not json').toString('base64url')}.e30.sig`],
    ['a header that is a JSON array', `${Buffer.from('[1]').toString('base64url')}.e30.sig`],
  ])('token_malformed for %s', async (_label, token) => {
    await expectCode(token, 'token_malformed');
  });

  it('token_malformed for a token over 8 KiB', async () => {
    const token = await signToken(key, claims({ padding: 'x'.repeat(8 * 1024) }));
    await expectCode(token, 'token_malformed');
  });

  it.each(['none', 'None', 'NONE', 'nOnE'])('wrong_algorithm for alg %s, with or without a signature', async (alg) => {
    const header = { alg, kid: 'k1', typ: 'app-session+jwt' };
    await expectCode(craftToken(header, claims(), ''), 'wrong_algorithm');
    await expectCode(craftToken(header, claims()), 'wrong_algorithm');
  });

  it('wrong_algorithm for HS256 signed with the public key bytes as the secret', async () => {
    const secret = new TextEncoder().encode(await exportSPKI(key.publicKey));
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: 'app-session+jwt' }).sign(secret);
    await expectCode(token, 'wrong_algorithm');
  });

  it.each(['ES384', 'RS256', 'EdDSA', 'es256'])('wrong_algorithm for alg %s', async (alg) => {
    await expectCode(craftToken({ alg, kid: 'k1', typ: 'app-session+jwt' }, claims()), 'wrong_algorithm');
  });

  it('unknown_key for a token without kid', async () => {
    await expectCode(craftToken({ alg: 'ES256', typ: 'app-session+jwt' }, claims()), 'unknown_key');
  });
});

describe('forbidden headers: the verifier never fetches or trusts what a token names', () => {
  afterEach(() => {
    expect(jwks.requests).toEqual([]);
    expect(attacker.jwks.requests).toEqual([]);
  });

  it('forbidden_header for jku pointing at another JWKS', async () => {
    await expectCode(await signToken(attacker.key, claims(), { jku: attacker.jwks.jwksUrl }), 'forbidden_header');
  });

  it('forbidden_header for an embedded jwk', async () => {
    await expectCode(await signToken(attacker.key, claims(), { jwk: attacker.key.publicJwk }), 'forbidden_header');
  });

  it('forbidden_header for x5u and x5c', async () => {
    await expectCode(await signToken(attacker.key, claims(), { x5u: `${attacker.jwks.origin}/cert.pem` }), 'forbidden_header');
    await expectCode(await signToken(attacker.key, claims(), { x5c: ['MIIB'] }), 'forbidden_header');
  });

  it('forbidden_header for crit', async () => {
    const header = { alg: 'ES256', kid: 'k1', typ: 'app-session+jwt', crit: ['exp'] };
    await expectCode(craftToken(header, claims()), 'forbidden_header');
  });
});

describe('rejections after the signature check', () => {
  it('bad_signature for a tampered payload', async () => {
    const [header, , signature] = (await signToken(key, claims())).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify(claims({ sub: 'user_mallory' }))).toString('base64url')}.${signature}`;
    await expectCode(forged, 'bad_signature');
  });

  it('bad_signature for another key using a published kid', async () => {
    await expectCode(await signToken({ kid: 'k1', privateKey: attacker.key.privateKey }, claims()), 'bad_signature');
  });

  it.each([['JWT'], ['at+jwt'], [undefined]])('wrong_type for typ %s', async (typ) => {
    await expectCode(await signToken(key, claims(), { typ }), 'wrong_type');
  });

  it('wrong_issuer', async () => {
    await expectCode(await signToken(key, claims({ iss: 'https://evil.example' })), 'wrong_issuer');
  });

  it('wrong_audience, also when verifying for another app', async () => {
    await expectCode(await signToken(key, claims({ aud: 'run_globex_tracker' })), 'wrong_audience');
    await expectCode(await signToken(key, claims()), 'wrong_audience', 'run_acme_onboarding');
  });

  it('token_expired beyond the 60 s tolerance, accepted within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectCode(await signToken(key, claims({ iat: now - 400, nbf: now - 400, exp: now - 61 })), 'token_expired');
    await expect(verifier.verify(await signToken(key, claims({ exp: now - 30 })), { audience: APP })).resolves.toBeTruthy();
  });

  it('token_not_yet_valid for nbf beyond the tolerance', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectCode(await signToken(key, claims({ nbf: now + 120, exp: now + 400 })), 'token_not_yet_valid');
  });

  it.each(['sub', 'org_id', 'workflow_id', 'jti', 'iat', 'nbf', 'exp', 'iss'])('missing_claim without %s', async (claim) => {
    const payload: Record<string, unknown> = claims();
    delete payload[claim];
    await expectCode(await signToken(key, payload), 'missing_claim');
  });

  it('token_malformed for claims of the wrong type', async () => {
    await expectCode(await signToken(key, claims({ org_id: 7 })), 'token_malformed');
    await expectCode(await signToken(key, claims({ auth_via: 'magic' })), 'token_malformed');
    await expectCode(await signToken(key, claims({ org_role: 'owner' })), 'token_malformed');
  });
});

describe('key set lookups', () => {
  it('unknown_key for a kid the gateway does not publish', async () => {
    await expectCode(await signToken(attacker.key, claims()), 'unknown_key');
  });

  it('refetches the key set for an unknown kid once the 30 s cooldown has passed (rotation)', async () => {
    const next = await createSigningKey('k2');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    await verifier.verify(await signToken(key, claims()), { audience: APP });
    jwks.keys = [key.publicJwk, next.publicJwk];
    vi.setSystemTime(Date.now() + 31_000);
    await expect(verifier.verify(await signToken(next, claims()), { audience: APP })).resolves.toMatchObject({ sub: 'user_alice' });
    expect(jwks.requests).toHaveLength(2);
  });

  it('does not refetch within the cooldown, however many unknown kids arrive', async () => {
    await verifier.verify(await signToken(key, claims()), { audience: APP });
    for (let i = 0; i < 5; i++) await expectCode(await signToken(attacker.key, claims()), 'unknown_key');
    expect(jwks.requests).toHaveLength(1);
  });

  it.each(['server_error', 'not_json', 'not_a_key_set'] as const)('jwks_unavailable when the JWKS answers %s', async (mode) => {
    jwks.mode = mode;
    await expectCode(await signToken(key, claims()), 'jwks_unavailable');
  });

  it('jwks_unavailable when the JWKS server is down', async () => {
    const down = createVerifier({ issuer, jwksUri: `${await closedPortOrigin()}/.well-known/jwks.json` });
    const error = await down.verify(await signToken(key, claims()), { audience: APP }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'jwks_unavailable' });
  });

  it('never puts the token in an error message', async () => {
    const token = await signToken(key, claims({ aud: 'elsewhere' }));
    const error = (await verifier.verify(token, { audience: APP }).catch((err: unknown) => err)) as Error;
    expect(error.message).not.toContain(token);
  });
});
