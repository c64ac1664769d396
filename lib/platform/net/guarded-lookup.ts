import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';

/**
 * Resolves like dns.lookup, keeping only the addresses `allows` accepts; none left → `refusal(first refused)`.
 * Used as a request's `lookup`, so the check runs at every new connection, on the address actually
 * connected to (no DNS rebinding). Node skips `lookup` for an IP literal: check those with
 * `literalRefusal` before connecting.
 */
export function guardedLookup(allows: (address: string) => boolean, refusal: (address: string) => Error): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const all = addresses as unknown as LookupAddress[];
      const list = all.filter((a) => allows(a.address));
      if (list.length === 0) return callback(refusal(all[0]?.address ?? hostname), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** For a host Node connects to without a lookup (an IP literal, brackets allowed): the refusal, or null. */
export function literalRefusal(host: string, allows: (address: string) => boolean, refusal: (address: string) => Error): Error | null {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 0) return null;
  return allows(bare) ? null : refusal(bare);
}
