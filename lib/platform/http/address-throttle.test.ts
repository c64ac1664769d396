import { describe, expect, it } from 'vitest';
import { throttleAddress } from './address-throttle';

describe('throttleAddress', () => {
  it('lets `perMinute` requests of an address through in a minute, then says how long to wait', () => {
    const t0 = 1_000_000_000_000;
    expect([1, 2, 3].map(() => throttleAddress('t1', '203.0.113.9', 3, t0))).toEqual([null, null, null]);
    expect(throttleAddress('t1', '203.0.113.9', 3, t0 + 15_000)).toBe(45);
    // Another address, another bucket: their own windows.
    expect(throttleAddress('t1', '198.51.100.7', 3, t0 + 15_000)).toBeNull();
    expect(throttleAddress('t2', '203.0.113.9', 3, t0 + 15_000)).toBeNull();
    // A minute later the window starts again.
    expect(throttleAddress('t1', '203.0.113.9', 3, t0 + 60_000)).toBeNull();
  });

  it('0 means no limit', () => {
    for (let i = 0; i < 100; i++) expect(throttleAddress('t3', '203.0.113.9', 0)).toBeNull();
  });
});
