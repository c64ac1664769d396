import { BlockList, isIP } from 'node:net';
import { env } from '@/lib/config/env';

export class WebhookUrlError extends Error {
  override name = 'WebhookUrlError';
}

export type WebhookPolicy = { production: boolean; allowHttp: boolean; allowPrivate: boolean };

export function webhookPolicy(): WebhookPolicy {
  const e = env();
  return { production: e.NODE_ENV === 'production', allowHttp: !!e.WEBHOOK_ALLOW_HTTP, allowPrivate: !!e.WEBHOOK_ALLOW_PRIVATE_NETWORKS };
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

// Private, shared, link-local (cloud metadata), unspecified and multicast ranges: never a receiver
// of audit events unless WEBHOOK_ALLOW_PRIVATE_NETWORKS=true.
const privateRanges = new BlockList();
for (const [net, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['192.0.0.0', 24], ['198.18.0.0', 15], ['224.0.0.0', 3]] as const) {
  privateRanges.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) privateRanges.addSubnet(net, bits, 'ipv6');

/** IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it is. */
const unmapped = (ip: string) => (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip) ? ip.slice(7) : ip);

export function isLoopbackAddress(ip: string): boolean {
  const a = unmapped(ip);
  return loopback.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Whether the gateway may send to this resolved address: public addresses always; loopback outside
 * production; private networks only when allowed. Checked again at every connection (DNS rebinding).
 */
export function addressAllowed(ip: string, policy: WebhookPolicy): boolean {
  const a = unmapped(ip);
  const family = isIP(a) === 6 ? 'ipv6' : 'ipv4';
  if (policy.allowPrivate) return true;
  if (loopback.check(a, family)) return !policy.production;
  return !privateRanges.check(a, family);
}

/** The endpoint URL, or a WebhookUrlError saying what is wrong with it. */
export function checkWebhookUrl(raw: string, policy: WebhookPolicy = webhookPolicy()): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new WebhookUrlError('Enter a full URL, like https://example.com/webhooks.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookUrlError('The URL must start with https://.');
  if (url.username || url.password) throw new WebhookUrlError('The URL must not carry a user name or password.');
  if (url.hash) throw new WebhookUrlError('The URL must not have a #fragment.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isLoopbackHost = host === 'localhost' || host.endsWith('.localhost') || (isIP(host) !== 0 && isLoopbackAddress(host));
  if (url.protocol === 'http:' && !policy.allowHttp && !(isLoopbackHost && !policy.production)) {
    throw new WebhookUrlError(policy.production ? 'The URL must use https://.' : 'Plain http:// is only accepted for loopback addresses.');
  }
  if (isLoopbackHost && policy.production && !policy.allowPrivate) throw new WebhookUrlError('Loopback addresses are not accepted.');
  if (isIP(host) !== 0 && !addressAllowed(host, policy)) throw new WebhookUrlError('Private network addresses are not accepted.');
  return url;
}
