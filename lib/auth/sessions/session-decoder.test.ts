import { hkdfSync } from 'node:crypto';
import { decode as authjsDecode, encode } from '@auth/core/jwt';
import { decodeProtectedHeader, EncryptJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeSessionToken } from './session-decoder';

// Cookies sealed by Auth.js's own encode (@auth/core/jwt), opened by ours, compared with Auth.js's own decode.
const salt = 'authjs.session-token';
const [current, old, removed] = ['c'.repeat(48), 'o'.repeat(48), 'r'.repeat(48)];
const claims = { sub: 'usr_alice', activeOrgId: 'org_acme', sid: 'ses_AAAAAAAAAAAAAAAAAAAAAAAA' };
const seal = (secret: string | string[], maxAge = 3600, cookieName = salt, token: Record<string, unknown> = claims) => encode({ token, secret, salt: cookieName, maxAge });
const open = (token: string, secret: string | string[] = [current], cookieName = salt) => decodeSessionToken({ token, secret, salt: cookieName });
/** Auth.js's own verdict: the claims, or null where it throws. */
const authjsOpens = (token: string, secret: string | string[] = [current], cookieName = salt) => authjsDecode({ token, secret, salt: cookieName }).catch(() => null);
/** The key Auth.js derives (for tokens neither encoder would seal). */
const derived = (secret: string, bytes: 32 | 64) => new Uint8Array(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, bytes));

describe('the session cookie’s decoder (one for pages and the mint)', () => {
  afterEach(() => vi.useRealTimers());

  it('opens what Auth.js seals, with the same claims Auth.js’s own decode reads', async () => {
    const token = await seal(current);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'dir', enc: 'A256CBC-HS512' });
    expect(await open(token)).toEqual(await authjsOpens(token));
    expect(await open(token)).toMatchObject({ ...claims, exp: expect.any(Number), iat: expect.any(Number), jti: expect.any(String) });
  });

  it('rotation: each listed secret opens, whatever its place; a removed secret opens nothing — as Auth.js decides', async () => {
    const underOld = await seal(old);
    const lists = [[current, old], [old, current], [current], [old], [removed, current]];
    for (const list of lists) expect(await open(underOld, list), list.join()).toEqual(await authjsOpens(underOld, list));
    expect(await open(underOld, [current, old])).toMatchObject(claims);
    expect(await open(underOld, [current])).toBeNull();
    expect(await open(await seal(removed), [current, old])).toBeNull();
    // Auth.js seals under the first of a list.
    expect(await open(await seal([current, old]), [current])).toMatchObject(claims);
  });

  it('refuses a cookie sealed with another secret or for another cookie name', async () => {
    expect(await open(await seal('x'.repeat(48)))).toBeNull();
    expect(await open(await seal(current, 3600, '__Secure-authjs.session-token'))).toBeNull();
    expect(await open(await seal(current), [current], '__Secure-authjs.session-token')).toBeNull();
  });

  it('refuses any altered part', async () => {
    const parts = (await seal(current)).split('.');
    for (let i = 0; i < parts.length; i++) {
      const altered = [...parts];
      altered[i] = parts[i] === '' ? 'AA' : (parts[i]![1] === 'A' ? 'B' : 'A') + parts[i]!.slice(0, 1) + parts[i]!.slice(2);
      expect(await open(altered.join('.')), `part ${i}`).toBeNull();
    }
  });

  it('refuses expired cookies, allowing Auth.js’s 15 s of clock skew', async () => {
    expect(await open(await seal(current, -60))).toBeNull();
    expect(await open(await seal(current, -25))).toBeNull();
    expect(await open(await seal(current, -5))).toMatchObject(claims);
  });

  it('refuses what Auth.js does not seal: no exp, another encryption, malformed, oversized', async () => {
    const noExp = await new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).encrypt(derived(current, 64));
    expect(await authjsOpens(noExp)).toMatchObject(claims); // Auth.js's decode would take it
    expect(await open(noExp)).toBeNull();
    const withExp = await new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512' }).setExpirationTime('1h').encrypt(derived(current, 64));
    expect(await open(withExp)).toMatchObject(claims); // no kid: the first secret, as Auth.js does
    expect(await open(withExp, [old, current])).toBeNull();
    // A256GCM under Auth.js's derivation: its decode opens that too, though its encode never seals it.
    const gcm = await new EncryptJWT(claims).setProtectedHeader({ alg: 'dir', enc: 'A256GCM' }).setExpirationTime('1h').encrypt(derived(current, 32));
    expect(await open(gcm)).toBeNull();
    for (const bad of ['', 'a.b.c', 'a.b.c.d.e', '....', 'x'.repeat(100), (await seal(current)).padEnd(16_385, 'A')]) expect(await open(bad)).toBeNull();
  });

  describe('a cookie once opened is remembered, not decrypted again', () => {
    it('decrypts each cookie once; the copy handed out can be changed without changing the next', async () => {
      const token = await seal(current);
      const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
      try {
        for (let i = 0; i < 3; i++) (await open(token))!.activeOrgId = 'org_other';
        expect(await open(token)).toMatchObject(claims);
        expect(await open(token, [old, current])).toMatchObject(claims);
        expect(decrypt).toHaveBeenCalledTimes(1);
      } finally {
        decrypt.mockRestore();
      }
    });

    it('only while the secret that opened it is listed, for its cookie name, until it expires', async () => {
      const token = await seal(old);
      expect(await open(token, [current, old])).toMatchObject(claims);
      expect(await open(token, [current])).toBeNull();
      expect(await open(token, [current, old], '__Secure-authjs.session-token')).toBeNull();
      vi.useFakeTimers({ toFake: ['Date'] });
      const short = await seal(current, 60);
      expect(await open(short)).toMatchObject(claims);
      vi.setSystemTime(Date.now() + 70_000);
      expect(await open(short)).toMatchObject(claims); // within the 15 s of skew
      vi.setSystemTime(Date.now() + 10_000);
      expect(await open(short)).toBeNull();
    });
  });
});
