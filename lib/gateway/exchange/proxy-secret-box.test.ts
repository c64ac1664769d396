import { describe, expect, it } from 'vitest';
import { openWebhookSecret, sealWebhookSecret } from '@/lib/gateway/webhooks/secret-box';
import { openProxySecret, sealProxySecret } from './proxy-secret-box';

// A made-up master secret and a made-up client secret (no credential of any deployment).
const MASTER = 'a-made-up-master-secret-of-32-characters!';
const SECRET = 'agw_cs_made-up-client-secret-for-this-test-only-000';

describe('the artifact proxy’s client secret at rest', () => {
  it('opens for its own credential id under the master secret', () => {
    expect(openProxySecret(sealProxySecret(SECRET, 'cred_one', MASTER), 'cred_one', MASTER)).toBe(SECRET);
  });

  it('does not open on another row, under another master secret, or as a webhook secret; nor does a webhook secret open as it', () => {
    const sealed = sealProxySecret(SECRET, 'cred_one', MASTER);
    expect(sealed).not.toContain(SECRET);
    expect(() => openProxySecret(sealed, 'cred_two', MASTER)).toThrow();
    expect(() => openProxySecret(sealed, 'cred_one', `${MASTER}x`)).toThrow();
    expect(() => openWebhookSecret(sealed, 'cred_one', MASTER)).toThrow();
    expect(() => openProxySecret(sealWebhookSecret(SECRET, 'cred_one', MASTER), 'cred_one', MASTER)).toThrow();
  });
});
