import ipaddr from 'ipaddr.js';
import { classifyAddress, parseAddress, unmapped, type IpAddress } from '@/lib/platform/net/address-class';

// Where the artifact proxy may connect (ARTIFACT_PROXY_UPSTREAMS): the operator's list, checked when
// an app's upstream is saved and again at every connection the proxy opens.

type Scope = { orgId: string | null };
type UpstreamEntry = Scope &
  (
    | { kind: 'name'; host: string; port: number | null }
    | { kind: 'address'; address: IpAddress; port: number | null }
    | { kind: 'cidr'; net: [IpAddress, number] }
  );
export type UpstreamAllowList = readonly UpstreamEntry[];

const ORG_ID = /^[A-Za-z0-9_-]{1,128}$/;
const NAME = /^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$/;

class UpstreamEntryError extends Error {
  override name = 'UpstreamEntryError';
}

/** Where Node would send a connection to this address: these never reach a real upstream. */
const neverAnUpstream = (address: IpAddress) => ['unspecified', 'multicast'].includes(classifyAddress(address.toString()) ?? '');

function parsePort(text: string, entry: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new UpstreamEntryError(`"${entry}": the port must be a number from 1 to 65535.`);
  return port;
}

function parseHost(text: string, entry: string): { kind: 'name'; host: string } | { kind: 'address'; address: IpAddress } {
  const address = parseAddress(text);
  if (address) {
    const canonical = address.kind() === 'ipv6' || ipaddr.IPv4.isValidFourPartDecimal(text.replace(/^\[|\]$/g, ''));
    if (!canonical) throw new UpstreamEntryError(`"${entry}": write an IPv4 address as four decimal numbers, like 10.0.0.7.`);
    if (neverAnUpstream(address)) throw new UpstreamEntryError(`"${entry}": an unspecified or multicast address is never an upstream.`);
    return { kind: 'address', address: unmapped(address) };
  }
  const host = text.toLowerCase().replace(/\.$/, '');
  if (!NAME.test(host)) throw new UpstreamEntryError(`"${entry}": expected a host name, an address, host:port or a CIDR like 10.0.0.0/8.`);
  return { kind: 'name', host };
}

function parseEntry(raw: string): UpstreamEntry {
  const eq = raw.indexOf('=');
  const orgId = eq === -1 ? null : raw.slice(0, eq).trim();
  const target = (eq === -1 ? raw : raw.slice(eq + 1)).trim();
  if (orgId !== null && !ORG_ID.test(orgId)) throw new UpstreamEntryError(`"${raw}": before "=" comes an org id, like org_acme=10.0.0.7:8080.`);
  if (target.includes('://')) throw new UpstreamEntryError(`"${raw}": write the host and port, not a URL, like 10.0.0.7:8080.`);
  if (target.includes('/')) {
    if (!ipaddr.isValidCIDR(target) || !(target.includes(':') || ipaddr.IPv4.isValidCIDRFourPartDecimal(target))) {
      throw new UpstreamEntryError(`"${raw}": not a CIDR; write it like 10.0.0.0/8 or fd00::/8.`);
    }
    const [address, bits] = ipaddr.parseCIDR(target);
    return { orgId, kind: 'cidr', net: [address, bits] };
  }
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(target);
  if (bracketed) {
    if (!parseAddress(bracketed[1]!)) throw new UpstreamEntryError(`"${raw}": only an IPv6 address goes in brackets.`);
    return { orgId, ...parseHost(bracketed[1]!, raw), port: bracketed[2] === undefined ? null : parsePort(bracketed[2], raw) } as UpstreamEntry;
  }
  // More than one colon and no brackets: an IPv6 address without a port.
  if (target.split(':').length > 2) return { orgId, ...parseHost(target, raw), port: null } as UpstreamEntry;
  const [host, port] = target.split(':');
  if (!host) throw new UpstreamEntryError(`"${raw}": the host is missing.`);
  return { orgId, ...parseHost(host, raw), port: port === undefined ? null : parsePort(port, raw) } as UpstreamEntry;
}

/** The list from its comma-separated text; an UpstreamEntryError names the first bad entry. */
export function parseUpstreamAllowList(text: string): UpstreamAllowList {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(parseEntry);
}

/** Without ARTIFACT_PROXY_UPSTREAMS: the demo upstream's host and port only. */
export function demoUpstreamAllowList(plainUpstreamUrl: string): UpstreamAllowList {
  return parseUpstreamAllowList(hostPortOf(new URL(plainUpstreamUrl)));
}

const portOf = (url: URL) => Number(url.port || (url.protocol === 'https:' ? 443 : 80));
const hostPortOf = (url: URL) => `${url.hostname}:${portOf(url)}`;
const nameOf = (url: URL) => url.hostname.toLowerCase().replace(/\.$/, '');
const portMatches = (entry: { port: number | null }, url: URL) => entry.port === null || entry.port === portOf(url);
const sameAddress = (a: IpAddress, b: IpAddress) => a.kind() === b.kind() && a.toNormalizedString() === b.toNormalizedString();
const inNet = (a: IpAddress, net: [IpAddress, number]) => a.kind() === net[0].kind() && a.match(net);
const forOrg = (list: UpstreamAllowList, orgId: string) => list.filter((e) => e.orgId === null || e.orgId === orgId);

/**
 * Whether an org may save this upstream. An address must be listed (or in a listed CIDR); a name
 * must be listed, or the org have a CIDR entry, which then decides at every connection.
 */
export function upstreamRegistrable(list: UpstreamAllowList, orgId: string, url: URL): boolean {
  const address = parseAddress(url.hostname);
  return forOrg(list, orgId).some((e) => {
    if (address) {
      const a = unmapped(address);
      return (e.kind === 'address' && sameAddress(e.address, a) && portMatches(e, url)) || (e.kind === 'cidr' && inNet(a, e.net));
    }
    return (e.kind === 'name' && e.host === nameOf(url) && portMatches(e, url)) || e.kind === 'cidr';
  });
}

/**
 * Whether the proxy may connect to `address` for this org's upstream: the upstream's name is listed
 * (whatever it resolves to), or the address itself is (an address entry or a CIDR).
 */
export function upstreamAddressAllowed(list: UpstreamAllowList, orgId: string, url: URL, address: string): boolean {
  const parsed = parseAddress(address);
  if (!parsed || neverAnUpstream(parsed)) return false;
  const a = unmapped(parsed);
  return forOrg(list, orgId).some(
    (e) =>
      (e.kind === 'name' && e.host === nameOf(url) && portMatches(e, url)) ||
      (e.kind === 'address' && sameAddress(e.address, a) && portMatches(e, url)) ||
      (e.kind === 'cidr' && inNet(a, e.net)),
  );
}

/** What an admin is told when an upstream is refused: the setting, and the entry that would allow it. */
export function upstreamNotAllowedMessage(orgId: string, url: URL): string {
  return (
    `The artifact proxy may not connect to ${hostPortOf(url)}: it is not allowed in ARTIFACT_PROXY_UPSTREAMS. ` +
    `Ask the operator to add ${orgId}=${hostPortOf(url)} to it, or use an upstream that is allowed.`
  );
}
