import { describe, expect, it } from 'vitest';
import type { Result } from '../errors';
import { addressAllowed, checkWebhookUrl } from './endpoint-url';

const urlOf = (r: Result<{ url: URL }>) => (r.ok ? r.url : new URL(`refused:${r.detail}`));
/** The detail of the invalid_request refusal, or what came instead. */
const detail = (r: Result<{ url: URL }>) => (r.ok ? 'accepted' : r.code === 'invalid_request' ? r.detail : `refused as ${r.code}`);

const production = { production: true, allowHttp: false, allowPrivate: false };
const development = { production: false, allowHttp: false, allowPrivate: false };

describe('webhook endpoint URLs (SSRF)', () => {
  it('production: https to public hosts only', () => {
    expect(urlOf(checkWebhookUrl('https://hooks.example.com/audit', production)).hostname).toBe('hooks.example.com');
    expect(detail(checkWebhookUrl('http://hooks.example.com/audit', production))).toMatch(/https/);
    expect(detail(checkWebhookUrl('https://127.0.0.1/x', production))).toMatch(/not accepted/);
    expect(detail(checkWebhookUrl('https://localhost/x', production))).toMatch(/not accepted/);
    for (const host of ['10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '[::1]', '[fd00::1]', '[::ffff:10.0.0.1]', '0.0.0.0']) {
      expect(detail(checkWebhookUrl(`https://${host}/x`, production)), host).toMatch(/not accepted/);
    }
    expect(detail(checkWebhookUrl('https://user:pw@hooks.example.com/', production))).toMatch(/user name/);
    expect(detail(checkWebhookUrl('ftp://hooks.example.com/', production))).toMatch(/https/);
    expect(detail(checkWebhookUrl('not a url', production))).toMatch(/full URL/);
  });

  it('outside production: plain http to loopback only; WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_PRIVATE_NETWORKS open the rest', () => {
    expect(urlOf(checkWebhookUrl('http://127.0.0.1:4600/hook', development)).port).toBe('4600');
    expect(urlOf(checkWebhookUrl('http://localhost:4600/hook', development)).hostname).toBe('localhost');
    expect(detail(checkWebhookUrl('http://hooks.example.com/', development))).toMatch(/loopback/);
    expect(detail(checkWebhookUrl('https://10.0.0.5/', development))).toMatch(/Private/);
    expect(urlOf(checkWebhookUrl('http://hooks.example.com/', { ...production, allowHttp: true })).protocol).toBe('http:');
    expect(urlOf(checkWebhookUrl('https://10.0.0.5/', { ...production, allowPrivate: true })).hostname).toBe('10.0.0.5');
  });

  it('production: every spelling of loopback, private and site-local refused at registration', () => {
    const hosts = [
      'localhost.',
      'LOCALHOST',
      'foo.localhost.',
      '0x7f.1',
      '2130706433',
      '[::]',
      '[::ffff:7f00:1]',
      '[::7f00:1]',
      '[::ffff:0:127.0.0.1]',
      '[::ffff:0:10.0.0.1]',
      '[64:ff9b::a9fe:a9fe]',
      '[fec0::1]',
    ];
    for (const host of hosts) expect(detail(checkWebhookUrl(`https://${host}/x`, production)), host).toMatch(/not accepted/);
  });

  it('outside production: a trailing-dot or upper-case localhost is loopback, so plain http is accepted', () => {
    expect(urlOf(checkWebhookUrl('http://localhost.:4600/hook', development)).port).toBe('4600');
    expect(urlOf(checkWebhookUrl('http://LOCALHOST:4600/hook', development)).port).toBe('4600');
  });

  it('resolved addresses are checked again at connection time (DNS rebinding)', () => {
    expect(addressAllowed('93.184.216.34', production)).toBe(true);
    expect(addressAllowed('127.0.0.1', production)).toBe(false);
    expect(addressAllowed('127.0.0.1', development)).toBe(true);
    expect(addressAllowed('169.254.169.254', development)).toBe(false);
    expect(addressAllowed('::ffff:192.168.0.1', production)).toBe(false);
    expect(addressAllowed('2606:4700::1111', production)).toBe(true);
    for (const ip of ['::7f00:1', '::ffff:7f00:1', '::ffff:0:127.0.0.1', '::ffff:0:a00:1', 'fec0::1', '2001:db8::1']) {
      expect(addressAllowed(ip, production), ip).toBe(false);
    }
    expect(addressAllowed('::7f00:1', development)).toBe(true);
  });
});
