import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAppCursor, parseAppCursor } from './app-cursor';

describe('app list cursor', () => {
  it('round-trips every cursor the list can write', () => {
    const us = fc.bigInt({ min: 0n, max: 10n ** 18n - 1n });
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
    fc.assert(fc.property(us, id, (createdUs, appId) => {
      expect(parseAppCursor(formatAppCursor({ createdUs, id: appId }))).toEqual({ createdUs, id: appId });
    }));
  });

  it('refuses anything else', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const parsed = parseAppCursor(text);
      if (parsed) expect(formatAppCursor(parsed)).toBe(text);
    }));
    const bad = ['', 'abc', '1:run_x', Buffer.from('01:run_x').toString('base64url'), Buffer.from('1:run x').toString('base64url'), Buffer.from('-1:run').toString('base64url'), 'A'.repeat(500)];
    for (const text of bad) expect(parseAppCursor(text)).toBeNull();
  });
});
