import ipaddr from 'ipaddr.js';

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/** What kind of network an address belongs to; only `public` is the open internet. */
export type AddressClass =
  | 'loopback'
  | 'private'
  | 'linkLocal'
  | 'uniqueLocal'
  | 'siteLocal'
  | 'multicast'
  | 'unspecified'
  | 'reserved'
  | 'public';

const ranges = <T extends IpAddress>(list: [string, AddressClass][]) =>
  list.map(([cidr, cls]) => ({ net: ipaddr.parseCIDR(cidr) as [T, number], cls }));

// First match wins. 0.0.0.0/8 is "unspecified": Linux connects 0.0.0.0 to the host itself.
const IPV4 = ranges<ipaddr.IPv4>([
  ['0.0.0.0/8', 'unspecified'],
  ['127.0.0.0/8', 'loopback'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'private'], // carrier-grade NAT, shared address space
  ['169.254.0.0/16', 'linkLocal'], // cloud metadata services live here
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'], // includes 255.255.255.255
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
]);

// Checked after the IPv4-carrying forms are unwrapped (see embeddedIpv4).
const IPV6 = ranges<ipaddr.IPv6>([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fe80::/10', 'linkLocal'],
  ['fec0::/10', 'siteLocal'], // deprecated, but still routed by some networks
  ['fc00::/7', 'uniqueLocal'],
  ['ff00::/8', 'multicast'],
  ['64:ff9b:1::/48', 'reserved'], // local-use NAT64: what it reaches depends on the operator's translator
  ['100::/64', 'reserved'],
  ['2001::/23', 'reserved'], // IETF protocol assignments, Teredo included
  ['2001:db8::/32', 'reserved'],
  ['3fff::/20', 'reserved'],
]);
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3') as [ipaddr.IPv6, number];

// IPv6 forms that deliver to an IPv4 address: the IPv4 address is what gets reached.
const CARRIERS: { net: [ipaddr.IPv6, number]; at: number }[] = [
  { net: ipaddr.IPv6.parseCIDR('::ffff:0:0/96'), at: 12 }, // IPv4-mapped
  { net: ipaddr.IPv6.parseCIDR('::ffff:0:0:0/96'), at: 12 }, // IPv4-translated (SIIT)
  { net: ipaddr.IPv6.parseCIDR('::/96'), at: 12 }, // IPv4-compatible (deprecated): ::7f00:1 is 127.0.0.1
  { net: ipaddr.IPv6.parseCIDR('64:ff9b::/96'), at: 12 }, // NAT64, well-known prefix
  { net: ipaddr.IPv6.parseCIDR('2002::/16'), at: 2 }, // 6to4
];

/**
 * An IP address in any spelling the resolver would accept (`127.1`, `0x7f.1`, `2130706433`,
 * `[::1]`, `fe80::1%eth0`), or null when the text is a name.
 */
export function parseAddress(text: string): IpAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  try {
    return ipaddr.parse(bare);
  } catch {
    return null;
  }
}

/** The IPv4 address an IPv6 address carries and is delivered to, or null. `::` and `::1` carry none. */
export function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15]! <= 1) return null;
  const carrier = CARRIERS.find((c) => address.match(c.net));
  return carrier ? new ipaddr.IPv4(bytes.slice(carrier.at, carrier.at + 4)) : null;
}

/** The address as the socket sees it: an IPv4-mapped IPv6 address is the IPv4 address. */
export function unmapped(address: IpAddress): IpAddress {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}

function classOf(address: IpAddress): AddressClass {
  if (address.kind() === 'ipv4') return IPV4.find((r) => address.match(r.net))?.cls ?? 'public';
  const v6 = address as ipaddr.IPv6;
  const carried = embeddedIpv4(v6);
  if (carried) return classOf(carried);
  const listed = IPV6.find((r) => v6.match(r.net))?.cls;
  if (listed) return listed;
  return v6.match(GLOBAL_UNICAST) ? 'public' : 'reserved';
}

/** The class of an IP address in any spelling, or null when the text is not an address. */
export function classifyAddress(text: string): AddressClass | null {
  const address = parseAddress(text);
  return address ? classOf(address) : null;
}

/** `localhost` and every name under it, in any case, with or without the root's trailing dot. */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * The class of a URL's host before any lookup: a localhost name is loopback, an address is
 * classified, any other name is null (only its resolved addresses can say).
 */
export function classifyHost(host: string): AddressClass | null {
  if (isLocalhostName(host)) return 'loopback';
  return classifyAddress(host.replace(/\.$/, ''));
}
