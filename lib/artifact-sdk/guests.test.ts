import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createVerifier } from './index.ts';
import { createSigningKey, signToken, startJwksServer, validClaims, validGuestClaims, type RecordingServer, type SigningKey } from './verify.fixtures.ts';

// SPEC §15: guest tokens are their own type (app-guest+jwt); a verifier accepts them only when asked.

const APP = 'run_acme_dashboard';
let key: SigningKey;
let jwks: RecordingServer;

beforeAll(async () => {
  key = await createSigningKey('k1');
});
beforeEach(async () => {
  jwks = await startJwksServer([key.publicJwk]);
});
afterEach(() => jwks.close());

const guestToken = (overrides: Record<string, unknown> = {}) => signToken(key, { ...validGuestClaims(jwks.origin, APP), ...overrides }, { typ: 'app-guest+jwt' });

describe('guest tokens', () => {
  it('a verifier written for members refuses a guest token (wrong_type), by default', async () => {
    const members = createVerifier({ issuer: jwks.origin });
    await expect(members.verify(await guestToken(), { audience: APP })).rejects.toMatchObject({ code: 'wrong_type' });
    const explicit = createVerifier({ issuer: jwks.origin, guests: false });
    await expect(explicit.verify(await guestToken(), { audience: APP })).rejects.toMatchObject({ code: 'wrong_type' });
  });

  it('with guests: true it answers role "guest", no org, the share and no email for an anonymous guest', async () => {
    const verifier = createVerifier({ issuer: jwks.origin, guests: true });
    const claims = await verifier.verify(await guestToken(), { audience: APP });
    expect(claims).toMatchObject({ role: 'guest', org_role: 'guest', sub: 'gst_0123456789abcdef01234567', name: 'Ada (guest)', email: null, auth_via: 'share_link', share_id: 'shr_0123456789abcdef01234567' });
    expect(claims).not.toHaveProperty('org_id');
  });

  it('with guests: true, a public app’s signed-in guest keeps their email and has no share', async () => {
    const verifier = createVerifier({ issuer: jwks.origin, guests: true });
    const claims = await verifier.verify(await guestToken({ sub: 'usr_bob', email: 'bob@globex.test', auth_via: 'public', share_id: undefined }), { audience: APP });
    expect(claims).toMatchObject({ role: 'guest', sub: 'usr_bob', email: 'bob@globex.test', auth_via: 'public', share_id: null });
  });

  it('with guests: true, member tokens still verify as before, and guest tokens are still checked in full', async () => {
    const verifier = createVerifier({ issuer: jwks.origin, guests: true });
    const member = await verifier.verify(await signToken(key, validClaims(jwks.origin, APP)), { audience: APP });
    expect(member).toMatchObject({ org_id: 'org_acme', org_role: 'admin' });
    expect(member).not.toHaveProperty('role');
    await expect(verifier.verify(await guestToken(), { audience: 'run_other' })).rejects.toMatchObject({ code: 'wrong_audience' });
    await expect(verifier.verify(await guestToken({ org_id: 'org_acme' }), { audience: APP })).rejects.toMatchObject({ code: 'token_malformed' });
    await expect(verifier.verify(await guestToken({ org_role: 'admin' }), { audience: APP })).rejects.toMatchObject({ code: 'token_malformed' });
    await expect(verifier.verify(await guestToken({ sid: undefined }), { audience: APP })).rejects.toMatchObject({ code: 'missing_claim' });
    await expect(verifier.verify(await signToken(key, validClaims(jwks.origin, APP), { typ: 'JWT' }), { audience: APP })).rejects.toMatchObject({ code: 'wrong_type' });
  });
});
