import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';

describe('clientAddress', () => {
  it('takes the socket peer and ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(clientAddress(undefined, '198.51.100.7', 0)).toBe('198.51.100.7');
  });

  it('takes the N-th address from the right behind N trusted proxies', () => {
    expect(clientAddress('203.0.113.9, 198.51.100.1', '10.0.0.2', 1)).toBe('198.51.100.1');
    expect(clientAddress('203.0.113.9, 198.51.100.1, 10.0.0.3', '10.0.0.2', 2)).toBe('198.51.100.1');
    expect(clientAddress(['203.0.113.9', '198.51.100.1'], '10.0.0.2', 1)).toBe('198.51.100.1');
  });

  it('falls back to the left-most entry, then the peer, when a request skipped the proxies', () => {
    expect(clientAddress('198.51.100.1', '10.0.0.2', 3)).toBe('198.51.100.1');
    expect(clientAddress(undefined, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress(' , ', '10.0.0.2', 1)).toBe('10.0.0.2');
  });

  it('records IPv4 clients of a dual-stack socket without the IPv6 prefix', () => {
    expect(clientAddress(undefined, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
    expect(clientAddress(undefined, '::1', 0)).toBe('::1');
    expect(clientAddress(undefined, undefined, 0)).toBeNull();
  });
});
