import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCursor, parseCursor } from './cursor';

describe('feed cursor', () => {
  it('round-trips every cursor the feed can write', () => {
    const int8 = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n });
    fc.assert(fc.property(int8, int8, (txId, id) => {
      expect(parseCursor(formatCursor({ txId, id }))).toEqual({ txId, id });
    }));
  });

  it('refuses anything else, whatever its length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseCursor(text);
        if (parsed) expect(formatCursor(parsed)).toBe(text);
      }),
    );
    for (const text of ['', '1_', '01_1', '1_2_3', '9223372036854775808_0', '1_'.padEnd(10_000, '9')]) expect(parseCursor(text)).toBeNull();
  });
});
