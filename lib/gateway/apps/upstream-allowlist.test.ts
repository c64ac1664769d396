import { describe, expect, it } from 'vitest';
import {
  demoUpstreamAllowList,
  parseUpstreamAllowList,
  upstreamAddressAllowed,
  upstreamNotAllowedMessage,
  upstreamRegistrable,
} from './upstream-allowlist';

const u = (s: string) => new URL(s);

describe('ARTIFACT_PROXY_UPSTREAMS: registration', () => {
  it('by default allows the demo upstream’s host:port only', () => {
    const list = demoUpstreamAllowList('http://127.0.0.1:3201');
    expect(upstreamRegistrable(list, 'org_acme', u('http://127.0.0.1:3201/'))).toBe(true);
    expect(upstreamRegistrable(list, 'org_globex', u('http://127.0.0.1:3201/reports/'))).toBe(true);
    for (const other of ['http://127.0.0.1:6379/', 'http://127.0.0.1/', 'http://localhost:3201/', 'http://[::1]:3201/', 'http://169.254.169.254/', 'http://10.0.0.7:8080/']) {
      expect(upstreamRegistrable(list, 'org_acme', u(other)), other).toBe(false);
    }
  });

  it('hosts, host:ports, addresses and CIDRs, each optionally for one org only', () => {
    const list = parseUpstreamAllowList(' reports.internal:8080 , org_acme=10.1.0.0/16, org_globex=[fd00::5]:9000,2001:db8::7, Api.Example.com. ,');
    const registrable: [org: string, url: string, allowed: boolean][] = [
      ['org_any', 'http://reports.internal:8080/', true],
      ['org_any', 'http://reports.internal:8081/', false],
      ['org_any', 'https://api.example.com/', true],
      ['org_any', 'http://api.example.com.:99/', true],
      ['org_any', 'http://[2001:db8::7]:1234/', true],
      // Org-scoped: one tenant cannot point at another's upstream.
      ['org_acme', 'http://10.1.2.3:5000/', true],
      ['org_globex', 'http://10.1.2.3:5000/', false],
      ['org_globex', 'http://[fd00::5]:9000/', true],
      ['org_acme', 'http://[fd00::5]:9000/', false],
      // A name that no entry lists: only an org with a CIDR entry may save it (the address decides at connection).
      ['org_acme', 'http://svc.acme.internal/', true],
      ['org_globex', 'http://svc.acme.internal/', false],
      // Every spelling of an address is the address.
      ['org_acme', 'http://[::ffff:10.1.0.9]/', true],
      ['org_acme', 'http://0x0a.1.0.9/', true],
    ];
    for (const [org, url, allowed] of registrable) expect(upstreamRegistrable(list, org, u(url)), `${org} ${url}`).toBe(allowed);
  });

  it('says which setting to change, and the entry that would allow the upstream', () => {
    expect(upstreamNotAllowedMessage('org_acme', u('http://127.0.0.1:6379/'))).toBe(
      'The artifact proxy may not connect to 127.0.0.1:6379: it is not allowed in ARTIFACT_PROXY_UPSTREAMS. ' +
        'Ask the operator to add org_acme=127.0.0.1:6379 to it, or use an upstream that is allowed.',
    );
    expect(upstreamNotAllowedMessage('org_acme', u('https://[fd00::1]/'))).toContain('org_acme=[fd00::1]:443');
  });
});

describe('ARTIFACT_PROXY_UPSTREAMS: at every connection', () => {
  const list = parseUpstreamAllowList('reports.internal:8080,127.0.0.1:3201,org_acme=10.1.0.0/16,0.0.0.0/0');
  const acme = (url: string, address: string) => upstreamAddressAllowed(list, 'org_acme', u(url), address);

  it('a listed name allows what it resolves to; an address must be listed or in a CIDR', () => {
    expect(acme('http://reports.internal:8080/', '10.9.9.9')).toBe(true);
    expect(acme('http://reports.internal:9999/', '127.0.0.1')).toBe(true); // 0.0.0.0/0 (the operator's choice)
    expect(upstreamAddressAllowed(parseUpstreamAllowList('reports.internal:8080'), 'org_acme', u('http://reports.internal:9999/'), '10.9.9.9')).toBe(false);
    expect(acme('http://127.0.0.1:3201/', '127.0.0.1')).toBe(true);
    expect(acme('http://127.0.0.1:3201/', '::ffff:127.0.0.1')).toBe(true);
    expect(acme('http://svc.acme.internal/', '10.1.4.4')).toBe(true);
    expect(upstreamAddressAllowed(parseUpstreamAllowList('org_acme=10.1.0.0/16'), 'org_acme', u('http://svc.acme.internal/'), '10.2.0.1')).toBe(false);
    expect(upstreamAddressAllowed(parseUpstreamAllowList('org_acme=10.1.0.0/16'), 'org_globex', u('http://10.1.0.1/'), '10.1.0.1')).toBe(false);
  });

  it('never the unspecified or a multicast address, whatever the list says', () => {
    expect(acme('http://reports.internal:8080/', '0.0.0.0')).toBe(false);
    expect(acme('http://reports.internal:8080/', '::')).toBe(false);
    expect(acme('http://reports.internal:8080/', '224.0.0.1')).toBe(false);
    expect(acme('http://reports.internal:8080/', 'not-an-address')).toBe(false);
  });
});

describe('ARTIFACT_PROXY_UPSTREAMS: bad entries name themselves', () => {
  it.each([
    ['http://10.0.0.7/', /not a URL/],
    ['10.0.0.0/33', /not a CIDR/],
    ['10/8', /not a CIDR/],
    ['127.1:3201', /four decimal numbers/],
    ['2130706433', /four decimal numbers/],
    ['reports.internal:0', /port must be a number/],
    ['reports.internal:99999', /port must be a number/],
    ['reports.internal:http', /port must be a number/],
    ['org acme=10.0.0.7', /org id/],
    ['=10.0.0.7', /org id/],
    ['[reports.internal]:80', /only an IPv6 address/],
    ['0.0.0.0:80', /never an upstream/],
    ['[::]:80', /never an upstream/],
    ['224.0.0.1', /never an upstream/],
    ['a b', /expected a host name/],
    [':8080', /host is missing/],
  ])('%s', (entry, message) => {
    expect(() => parseUpstreamAllowList(`ok.internal,${entry}`)).toThrow(message);
    expect(() => parseUpstreamAllowList(entry)).toThrow(`"${entry}"`);
  });
});
