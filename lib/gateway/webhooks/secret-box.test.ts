import { describe, expect, it } from 'vitest';
import { newWebhookSecret, openWebhookSecret, sealWebhookSecret } from './secret-box';

const secret = 'fixture-master-secret-of-at-least-32-chars';

// Sealed by secret-box.ts before it shared lib/platform/crypto/sealed-secret.ts (its own HKDF and
// AES-GCM code): every webhook secret in a deployed database looks like this and must still open.
// A made-up secret of a made-up endpoint, sealed under the fixture master secret above: it signs
// nothing anywhere and is no credential.
const before = {
  endpointId: 'whk_Fixture0001AbCdEfGh',
  whsec: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  sealed: 'v1.qbkUVsYsVfVy3WC_.nxpnaoyhDs7OTGKmBnpaY8UhkyV4zxdKxsIVKOKT42_hHjDOJRE.5LtemfS74KYh0lhFLmAR2Q',
};

describe('webhook secrets at rest', () => {
  it('a secret sealed before the shared helper opens', () => {
    expect(openWebhookSecret(before.sealed, before.endpointId, secret)).toBe(before.whsec);
  });

  it('a new secret round-trips, bound to its endpoint', () => {
    const whsec = newWebhookSecret();
    const sealed = sealWebhookSecret(whsec, 'whk_other', secret);
    expect(openWebhookSecret(sealed, 'whk_other', secret)).toBe(whsec);
    expect(() => openWebhookSecret(sealed, before.endpointId, secret)).toThrow();
  });

  it('a signing key sealed for the same id is not a webhook secret (each purpose its own key)', async () => {
    const { encryptPrivateJwk } = await import('../keys/key-crypto');
    const sealedKey = encryptPrivateJwk({ kty: 'oct', k: 'x' }, before.endpointId, secret);
    expect(() => openWebhookSecret(sealedKey, before.endpointId, secret)).toThrow();
  });
});
