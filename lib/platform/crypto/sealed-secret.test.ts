import { describe, expect, it } from 'vitest';
import { sealedSecrets } from './sealed-secret';

const master = 'a-master-secret-of-at-least-32-characters';
const box = sealedSecrets('app-gateway/test');

describe('sealedSecrets', () => {
  it('seals to v1.iv.ciphertext.tag (base64url), a fresh IV each time, and opens what it sealed', () => {
    const a = box.seal('plain text ✓', 'row_1', master);
    const b = box.seal('plain text ✓', 'row_1', master);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(a).not.toBe(b);
    expect(box.open(a, 'row_1', master)).toBe('plain text ✓');
    expect(box.open(b, 'row_1', master)).toBe('plain text ✓');
  });

  it('opens only under the same purpose, id and master secret', () => {
    const sealed = box.seal('x', 'row_1', master);
    expect(() => box.open(sealed, 'row_2', master)).toThrow();
    expect(() => box.open(sealed, 'row_1', `${master}x`)).toThrow();
    expect(() => sealedSecrets('app-gateway/other').open(sealed, 'row_1', master)).toThrow();
  });

  it('refuses a changed ciphertext, a changed or shortened tag, and anything not v1.iv.ciphertext.tag', () => {
    const sealed = box.seal('secret value', 'row_1', master);
    const [v, iv, body, tag] = sealed.split('.') as [string, string, string, string];
    const flip = (s: string) => `${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`;
    expect(() => box.open([v, iv, flip(body), tag].join('.'), 'row_1', master)).toThrow();
    expect(() => box.open([v, iv, body, flip(tag)].join('.'), 'row_1', master)).toThrow();
    // GCM checks a tag as short as 4 bytes unless told its length: a forger would need 2^32 tries, not 2^128.
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => box.open([v, iv, body, short].join('.'), 'row_1', master)).toThrow();
    for (const bad of ['', 'v1', `v2.${iv}.${body}.${tag}`, `v1.${iv}.${body}`, `${sealed}.extra`, 'v1.bm90.YQ.YQ']) {
      expect(() => box.open(bad, 'row_1', master), bad).toThrow();
    }
  });
});
