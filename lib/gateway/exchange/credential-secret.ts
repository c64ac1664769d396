import { randomBytes } from 'node:crypto';
import { hashApiToken } from '@/lib/auth/api-tokens/api-token-secret';

const CLIENT_SECRET_PREFIX = 'agw_cs_';
const SECRET_SHAPE = /^agw_cs_[A-Za-z0-9_-]{43}$/;

/** A new client secret: `agw_cs_` + 256 random bits. Only its SHA-256 is stored, like an API token's. */
export function newClientSecret(): { secret: string; hash: string; displayPrefix: string } {
  const secret = `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashClientSecret(secret), displayPrefix: secret.slice(0, 12) };
}

export const hashClientSecret = (secret: string) => hashApiToken(secret);

export const isWellFormedClientSecret = (secret: string) => SECRET_SHAPE.test(secret);
