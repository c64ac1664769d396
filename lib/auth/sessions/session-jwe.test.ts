import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decryptSessionJwe, sessionKeyFor } from './session-jwe';

const secret = 's'.repeat(48);
const salt = 'authjs.session-token';
const key = sessionKeyFor(secret, salt);
const now = () => Date.now() / 1000;
const seal = (claims: Record<string, unknown>, maxAge = 3600, withSecret = secret) => encode({ token: claims, secret: withSecret, salt, maxAge });
const flip = (part: string) => (part[0] === 'A' ? 'B' : 'A') + part.slice(1);

describe('Auth.js session JWE decryption', () => {
  it('opens what Auth.js seals', async () => {
    expect(decryptSessionJwe(await seal({ sub: 'usr_alice', activeOrgId: 'org_acme' }), key, now())).toMatchObject({ sub: 'usr_alice', activeOrgId: 'org_acme' });
  });
  it('refuses a token sealed with another secret or for another cookie name', async () => {
    expect(decryptSessionJwe(await seal({ sub: 'x' }, 3600, 'o'.repeat(48)), key, now())).toBeNull();
    expect(decryptSessionJwe(await encode({ token: { sub: 'x' }, secret, salt: '__Secure-authjs.session-token' }), key, now())).toBeNull();
  });
  it('refuses any altered part', async () => {
    const parts = (await seal({ sub: 'usr_alice' })).split('.');
    for (const i of [0, 2, 3, 4]) {
      const altered = [...parts];
      altered[i] = flip(altered[i]!);
      expect(decryptSessionJwe(altered.join('.'), key, now()), `part ${i}`).toBeNull();
    }
  });
  it('refuses expired tokens, malformed forms and other algorithms', async () => {
    expect(decryptSessionJwe(await seal({ sub: 'x' }, -60), key, now())).toBeNull();
    for (const bad of ['', 'a.b.c', 'a.b.c.d.e', '....', 'x'.repeat(100)]) expect(decryptSessionJwe(bad, key, now())).toBeNull();
    const [, ...rest] = (await seal({ sub: 'x' })).split('.');
    const otherAlg = Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url');
    expect(decryptSessionJwe([otherAlg, ...rest].join('.'), key, now())).toBeNull();
  });
});
