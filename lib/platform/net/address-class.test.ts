import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHost, embeddedIpv4, isLocalhostName, parseAddress, unmapped, type AddressClass } from './address-class';

// Every spelling of an address the resolver or a URL parser accepts lands in the same class as
// the address it reaches: a refusal list that misses one spelling is a way around it.
const TABLE: [string, AddressClass][] = [
  // IPv4 loopback, in every legacy spelling inet_aton accepts
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['127.1', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['2130706433', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['017700000001', 'loopback'],
  // IPv6 loopback, and IPv6 forms that carry IPv4 loopback
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['::7f00:1', 'loopback'], // IPv4-compatible
  ['::127.0.0.1', 'loopback'],
  ['::ffff:0:127.0.0.1', 'loopback'], // IPv4-translated (SIIT)
  ['::ffff:0:7f00:1', 'loopback'],
  ['64:ff9b::127.0.0.1', 'loopback'], // NAT64
  ['64:ff9b::7f00:1', 'loopback'],
  ['2002:7f00:1::', 'loopback'], // 6to4
  // unspecified: Linux connects these to the host itself
  ['0.0.0.0', 'unspecified'],
  ['0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['[::]', 'unspecified'],
  ['::ffff:0.0.0.0', 'unspecified'],
  // private networks
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:a00:1', 'private'],
  ['::ffff:0:10.0.0.1', 'private'],
  ['::ffff:0:192.168.0.1', 'private'],
  ['::a00:1', 'private'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['2002:c0a8:101::', 'private'],
  // link-local, cloud metadata included
  ['169.254.169.254', 'linkLocal'],
  ['::ffff:169.254.169.254', 'linkLocal'],
  ['::ffff:a9fe:a9fe', 'linkLocal'],
  ['fe80::1', 'linkLocal'],
  ['fe80::1%eth0', 'linkLocal'],
  ['febf:ffff::1', 'linkLocal'],
  // site-local (deprecated) and unique-local
  ['fec0::1', 'siteLocal'],
  ['feff::1', 'siteLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd00::1', 'uniqueLocal'],
  ['fd12:3456:789a::1', 'uniqueLocal'],
  // multicast
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['::ffff:224.0.0.1', 'multicast'],
  // reserved: documentation, benchmarking, future use, broadcast, IETF assignments, outside 2000::/3
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['198.51.100.1', 'reserved'],
  ['203.0.113.1', 'reserved'],
  ['192.0.0.8', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001::1', 'reserved'], // Teredo
  ['100::1', 'reserved'],
  ['64:ff9b:1::1', 'reserved'],
  ['4000::1', 'reserved'],
  ['::2:0:0:1', 'reserved'],
  // public
  ['93.184.216.34', 'public'],
  ['8.8.8.8', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:808:808::', 'public'],
  ['2606:4700::1111', 'public'],
  ['2a00:1450:4001::200e', 'public'],
];

describe('classifyAddress', () => {
  it.each(TABLE)('%s is %s', (text, cls) => {
    expect(classifyAddress(text)).toBe(cls);
  });

  it('is null for names and for text that is no address', () => {
    for (const text of ['localhost', 'example.com', 'deadbeef', '256.1.1.1', '1.2.3.4.5', '', '::g', '[::1', '127.0.0.1:80']) {
      expect(classifyAddress(text), text).toBeNull();
    }
  });
});

describe('classifyHost (a URL’s host before any lookup)', () => {
  it.each([
    ['localhost', 'loopback'],
    ['localhost.', 'loopback'],
    ['LOCALHOST', 'loopback'],
    ['LocalHost.', 'loopback'],
    ['foo.localhost', 'loopback'],
    ['foo.localhost.', 'loopback'],
    ['a.b.LOCALHOST', 'loopback'],
    ['127.0.0.1.', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['[fec0::1]', 'siteLocal'],
    ['[::]', 'unspecified'],
    ['10.0.0.1', 'private'],
  ] as const)('%s is %s', (host, cls) => {
    expect(classifyHost(host)).toBe(cls);
  });

  it('leaves other names to their resolved addresses', () => {
    for (const host of ['example.com', 'localhost.example.com', 'notlocalhost', 'localhostx', 'xlocalhost.']) expect(classifyHost(host), host).toBeNull();
  });

  it('agrees with the WHATWG URL parser on every spelling of a host that reaches loopback', () => {
    for (const spelling of ['0x7f.1', '2130706433', '127.1', '[::ffff:7f00:1]', '[::7f00:1]', '[::ffff:0:7f00:1]', 'LOCALHOST.', 'Foo.Localhost.']) {
      expect(classifyHost(new URL(`http://${spelling}/`).hostname), spelling).toBe('loopback');
    }
  });
});

describe('helpers', () => {
  it('isLocalhostName', () => {
    expect(isLocalhostName('localhost.')).toBe(true);
    expect(isLocalhostName('x.LOCALHOST')).toBe(true);
    expect(isLocalhostName('localhost.com')).toBe(false);
  });

  it('embeddedIpv4 unwraps every IPv4-carrying form, and not :: or ::1', () => {
    const carried = (text: string) => {
      const address = parseAddress(text);
      return address?.kind() === 'ipv6' ? (embeddedIpv4(address as Parameters<typeof embeddedIpv4>[0])?.toString() ?? null) : 'not ipv6';
    };
    expect(carried('::ffff:7f00:1')).toBe('127.0.0.1');
    expect(carried('::7f00:1')).toBe('127.0.0.1');
    expect(carried('::ffff:0:a00:1')).toBe('10.0.0.1');
    expect(carried('64:ff9b::a9fe:a9fe')).toBe('169.254.169.254');
    expect(carried('2002:a00:1::')).toBe('10.0.0.1');
    expect(carried('::')).toBeNull();
    expect(carried('::1')).toBeNull();
    expect(carried('2606:4700::1111')).toBeNull();
  });

  it('unmapped: an IPv4-mapped address is the IPv4 address a socket reaches', () => {
    expect(unmapped(parseAddress('::ffff:10.1.2.3')!).toString()).toBe('10.1.2.3');
    expect(unmapped(parseAddress('::7f00:1')!).toString()).toBe('::7f00:1');
    expect(unmapped(parseAddress('10.1.2.3')!).toString()).toBe('10.1.2.3');
  });
});
