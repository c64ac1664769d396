import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { clientAddress } from '@/lib/platform/server/client-address';

/**
 * Whom a request counts against for per-client limits: its address, read as the gateway reads it
 * (the socket's peer, or behind TRUSTED_PROXY_COUNT proxies their X-Forwarded-For entry); an IPv6
 * address by its /64, since one subscriber is handed a whole /64 to pick addresses from.
 */
export function clientKey(req: IncomingMessage, trustedProxies: number): string {
  const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies) ?? '';
  return isIPv6(address) ? `${ipv6Groups(address).slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, `::` expanded and leading zeros dropped. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => parseInt(g, 16).toString(16));
}
