import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { generateSigningKey, importPrivateKey } from '../keys/key-crypto';
import { signAppSession, signerFor, type AppSessionClaims } from './sign';

const now = Math.floor(Date.now() / 1000);
const claims: AppSessionClaims = {
  iss: 'http://localhost:3000', aud: 'run_x', sub: 'usr_x', org_id: 'org_x', org_role: 'admin', workflow_id: 'wf_x', name: 'Zoë “X”', email: 'x@example.test',
  auth_via: 'session', sid: 'ses_x', iat: now, nbf: now, exp: now + 300, jti: 'j'.repeat(24),
};

describe('signAppSession', () => {
  it('makes an ES256 JWS that jose verifies with the public JWK, header and claims intact', async () => {
    const { kid, publicJwk, privateJwk } = await generateSigningKey();
    const token = signAppSession(claims, signerFor(kid, importPrivateKey(privateJwk)));
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid, typ: 'app-session+jwt' });
    const { payload } = await jwtVerify(token, await importJWK(publicJwk, 'ES256'), { algorithms: ['ES256'], typ: 'app-session+jwt', issuer: claims.iss, audience: 'run_x' });
    expect(payload).toEqual(claims);
    // JWS wants the raw 64-byte r‖s signature, not DER.
    expect(Buffer.from(token.split('.')[2]!, 'base64url')).toHaveLength(64);
  });

  it('a token signed by another key does not verify', async () => {
    const a = await generateSigningKey();
    const b = await generateSigningKey();
    const token = signAppSession(claims, signerFor(a.kid, importPrivateKey(b.privateJwk)));
    await expect(compactVerify(token, await importJWK(a.publicJwk, 'ES256'))).rejects.toThrow();
  });

  it('refuses a key that is not P-256', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(() => signerFor('k', privateKey)).toThrow('P-256');
    expect(() => importPrivateKey({ kty: 'RSA', n: 'x', e: 'AQAB' })).toThrow('P-256');
  });
});
