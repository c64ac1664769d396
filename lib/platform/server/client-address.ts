/**
 * The address a request came from, as the audit log records it. With no trusted proxy it is the
 * socket's peer; behind `trustedProxies` proxies that each append the address they were connected
 * from, it is the N-th X-Forwarded-For entry from the right (what the outermost trusted proxy saw).
 * Entries further left were written by the client and are never used. A request that skipped the
 * proxies (fewer entries than expected) gets the left-most entry there is, or the peer.
 */
export function clientAddress(forwardedFor: string | string[] | undefined, peer: string | undefined, trustedProxies: number): string | null {
  if (trustedProxies === 0) return normalize(peer);
  const received = [forwardedFor ?? []].flat().join(',');
  const entries = received.split(',').map((s) => s.trim()).filter(Boolean);
  if (entries.length === 0) return normalize(peer);
  return normalize(entries[Math.max(0, entries.length - trustedProxies)]);
}

/** IPv4 clients of a dual-stack socket appear as `::ffff:1.2.3.4`: record them as `1.2.3.4`. */
function normalize(address: string | undefined): string | null {
  if (!address) return null;
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
