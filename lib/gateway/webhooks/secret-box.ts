import { randomBytes } from 'node:crypto';
import { sealedSecrets } from '@/lib/platform/crypto/sealed-secret';

// Webhook signing secrets at rest, sealed under APP_TOKEN_KEY_SECRET and bound to the endpoint id.
const sealedWebhookSecrets = sealedSecrets('app-gateway/webhook-secret');

export const sealWebhookSecret = sealedWebhookSecrets.seal;
export const openWebhookSecret = sealedWebhookSecrets.open;

/** A Standard Webhooks secret: whsec_ + 32 random bytes, base64. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;
