import { createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Decrypts an Auth.js session token: JWE compact, `dir` + A256CBC-HS512 (RFC 7518 §5.2.2), with the
 * key Auth.js derives from AUTH_SECRET and the cookie name. The key is derived once per secret and
 * the AES/HMAC work is done by node:crypto directly, so a session costs microseconds, not a
 * millisecond, on every mint. Returns null for anything that does not decrypt and verify.
 */
export function sessionKeyFor(secret: string, salt: string): { mac: Buffer; enc: Buffer } {
  const key = Buffer.from(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
  return { mac: key.subarray(0, 32), enc: key.subarray(32) };
}

export function decryptSessionJwe(token: string, key: { mac: Buffer; enc: Buffer }, nowSeconds: number, toleranceSeconds = 15): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [protectedB64, encryptedKey, ivB64, ciphertextB64, tagB64] = parts as [string, string, string, string, string];
  if (encryptedKey !== '') return null;
  let header: { alg?: unknown; enc?: unknown; zip?: unknown; crit?: unknown };
  try {
    header = JSON.parse(Buffer.from(protectedB64, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (header.alg !== 'dir' || header.enc !== 'A256CBC-HS512' || header.zip !== undefined || header.crit !== undefined) return null;
  const iv = Buffer.from(ivB64, 'base64url');
  const ciphertext = Buffer.from(ciphertextB64, 'base64url');
  const tag = Buffer.from(tagB64, 'base64url');
  if (iv.length !== 16 || tag.length !== 32 || ciphertext.length === 0 || ciphertext.length % 16 !== 0) return null;
  const aad = Buffer.from(protectedB64, 'ascii');
  const al = Buffer.alloc(8);
  al.writeBigUInt64BE(BigInt(aad.length * 8));
  const expected = createHmac('sha512', key.mac).update(aad).update(iv).update(ciphertext).update(al).digest().subarray(0, 32);
  if (!timingSafeEqual(expected, tag)) return null;
  let claims: Record<string, unknown>;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key.enc, iv);
    claims = JSON.parse(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8'));
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null) return null;
  if (typeof claims.exp !== 'number' || claims.exp + toleranceSeconds <= nowSeconds) return null;
  if (typeof claims.nbf === 'number' && claims.nbf - toleranceSeconds > nowSeconds) return null;
  return claims;
}
