import { env } from '@/lib/platform/config/env';
import { classifyAddress, classifyHost } from '@/lib/platform/net/address-class';
import { refusal, type Refusal, type Result } from '../errors';

export type WebhookPolicy = { production: boolean; allowHttp: boolean; allowPrivate: boolean };

export function webhookPolicy(): WebhookPolicy {
  const e = env();
  return { production: e.NODE_ENV === 'production', allowHttp: !!e.WEBHOOK_ALLOW_HTTP, allowPrivate: !!e.WEBHOOK_ALLOW_PRIVATE_NETWORKS };
}

/**
 * Whether the gateway may send to this address: public addresses always; loopback outside
 * production; private, link-local (cloud metadata), unique- and site-local, unspecified, multicast
 * and reserved ones only with WEBHOOK_ALLOW_PRIVATE_NETWORKS. Checked again at every connection.
 */
export function addressAllowed(ip: string, policy: WebhookPolicy): boolean {
  if (policy.allowPrivate) return true;
  const cls = classifyAddress(ip);
  if (cls === 'loopback') return !policy.production;
  return cls === 'public';
}

const badUrl = (detail: string): Refusal => refusal('invalid_request', detail);

/** The endpoint URL, or the refusal saying what is wrong with it. */
export function checkWebhookUrl(raw: string, policy: WebhookPolicy = webhookPolicy()): Result<{ url: URL }> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return badUrl('Enter a full URL, like https://example.com/webhooks.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return badUrl('The URL must start with https://.');
  if (url.username || url.password) return badUrl('The URL must not carry a user name or password.');
  if (url.hash) return badUrl('The URL must not have a #fragment.');
  // null: a name, checked once resolved (at every connection).
  const hostClass = classifyHost(url.hostname);
  const isLoopbackHost = hostClass === 'loopback';
  if (url.protocol === 'http:' && !policy.allowHttp && !(isLoopbackHost && !policy.production)) {
    return badUrl(policy.production ? 'The URL must use https://.' : 'Plain http:// is only accepted for loopback addresses.');
  }
  if (isLoopbackHost && policy.production && !policy.allowPrivate) return badUrl('Loopback addresses are not accepted.');
  if (hostClass !== null && !isLoopbackHost && hostClass !== 'public' && !policy.allowPrivate) return badUrl('Private network addresses are not accepted.');
  return { ok: true, url };
}
