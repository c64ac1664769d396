import { createHash, randomBytes } from 'node:crypto';

const API_TOKEN_PREFIX = 'agw_';
const TOKEN_SHAPE = /^agw_[A-Za-z0-9_-]{43}$/;

/** A new API token: `agw_` + 256 random bits. Only its hash is stored. */
export function newApiTokenSecret(): { token: string; hash: string; displayPrefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), displayPrefix: token.slice(0, 10) };
}

/** High-entropy secrets need no slow hash: SHA-256 lets the mint find the token by an indexed equality. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const isWellFormedApiToken = (token: string) => TOKEN_SHAPE.test(token);
