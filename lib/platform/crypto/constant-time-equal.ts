import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string | Uint8Array) => createHash('sha256').update(value).digest();

/**
 * Whether a presented secret (token, MAC, password hash) equals the expected one, in a time that
 * tells nothing of where they differ or how long the expected one is: both are hashed first, so
 * timingSafeEqual always compares 32 bytes (it throws on unequal lengths).
 */
export function secretsEqual(presented: string | Uint8Array, expected: string | Uint8Array): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}
