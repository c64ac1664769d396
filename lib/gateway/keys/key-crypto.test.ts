import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptPrivateJwk, encryptPrivateJwk, generateSigningKey, importPrivateKey } from './key-crypto';

const secret = 'fixture-master-secret-of-at-least-32-chars';

// Sealed by key-crypto.ts before it shared lib/platform/crypto/sealed-secret.ts (its own HKDF and
// AES-GCM code): every signing key in a deployed database looks like this and must still open.
const before = {
  kid: 'dzHpkUwCXev1jcoUMPIpTD7mmS1pOs83GjoOHaCpwpg',
  privateJwk: { kty: 'EC', x: 'sq73AQm0QghvFRw4fdWf0EwPRD7Y2gOFwmcaVTpaq3k', y: 'Rpyy2pD9CkcgV6kQhHzGJfnGPY4skzM8_irI0BRF8FQ', crv: 'P-256', d: 'BovtaL4nkpvoYTFyA_3NFl3vPG_Taimjxca1opSUIEs' },
  sealed:
    'v1.lm3AKReoE5eSE7Se.fzyayDQQwploz5EgwNfALZO2qUpw9XB6DvjfqbyZIOtoQQ19gMTPzM7UoPdVhXYKAk4WBUz3X-LaXH7AZksAVChF_7MCioSqzDpStOgCRzrQg8l9Pl0fUxaQ7l1NVogvG9K0mG4pSVfmciQ-P11Hs8pc3ejtcKB82FiuP4RHtUBMj-9m2pe4ORYUb2lciNX7hwW29LaKGnNeu7YDbwcjXpPr0sUEW4cwiuPjbNtvcno.cDzwOVekVz4sLJI7_DZ--Q',
};

describe('signing keys at rest', () => {
  it('a key sealed before the shared helper opens, and is the key its kid names', () => {
    const jwk = decryptPrivateJwk(before.sealed, before.kid, secret);
    expect(jwk).toEqual(before.privateJwk);
    const pub = createPublicKey(importPrivateKey(jwk)).export({ format: 'jwk' });
    expect({ x: pub.x, y: pub.y }).toEqual({ x: before.privateJwk.x, y: before.privateJwk.y });
  });

  it('a new key round-trips, and does not open under another kid or secret', async () => {
    const { kid, privateJwk } = await generateSigningKey();
    const sealed = encryptPrivateJwk(privateJwk, kid, secret);
    expect(sealed).not.toContain(privateJwk.d);
    expect(decryptPrivateJwk(sealed, kid, secret)).toEqual(privateJwk);
    expect(() => decryptPrivateJwk(sealed, before.kid, secret)).toThrow();
    expect(() => decryptPrivateJwk(sealed, kid, `${secret}!`)).toThrow();
  });
});
