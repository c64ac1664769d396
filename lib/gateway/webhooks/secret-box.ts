import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

// Webhook signing secrets at rest: AES-256-GCM under a key derived from APP_TOKEN_KEY_SECRET, bound
// to the endpoint id. Format: v1.iv.ciphertext.tag (base64url).
const keyFor = (secret: string, endpointId: string) => Buffer.from(hkdfSync('sha256', secret, 'app-gateway/webhook-secret', endpointId, 32));

export function sealWebhookSecret(plain: string, endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, endpointId), iv);
  cipher.setAAD(Buffer.from(endpointId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function openWebhookSecret(sealed: string, endpointId: string, secret: string): string {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !body || !tag) throw new Error('unrecognized sealed secret format');
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, endpointId), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A Standard Webhooks secret: whsec_ + 32 random bytes, base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
