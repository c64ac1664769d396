import { describe, expect, it } from 'vitest';
import { secretsEqual } from './constant-time-equal';

describe('secretsEqual', () => {
  it('is true for the same secret, as text or bytes', () => {
    expect(secretsEqual('agw_secret', 'agw_secret')).toBe(true);
    expect(secretsEqual(Buffer.from('agw_secret'), Buffer.from('agw_secret'))).toBe(true);
    expect(secretsEqual('agw_secret', Buffer.from('agw_secret'))).toBe(true);
  });

  it('is false, never a throw, for another secret of any length, a prefix or the empty string', () => {
    for (const other of ['agw_secreT', 'agw_secret ', 'agw_secre', '', 'x'.repeat(10_000)]) expect(secretsEqual(other, 'agw_secret'), other).toBe(false);
    expect(secretsEqual(Buffer.alloc(32), Buffer.alloc(31))).toBe(false);
  });
});
