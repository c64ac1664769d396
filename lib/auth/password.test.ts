import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('passwords', () => {
  it('hashes with scrypt and a fresh salt, and verifies', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('wrong horse', a)).toBe(false);
  });
  it('answers false for an unknown user after doing the same work', async () => {
    const started = performance.now();
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(performance.now() - started).toBeGreaterThan(5); // a real scrypt ran, not a shortcut
  });
});
