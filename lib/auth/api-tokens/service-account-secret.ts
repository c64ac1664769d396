import { randomBytes } from 'node:crypto';
import { hashApiToken } from './api-token-secret';

const SERVICE_ACCOUNT_TOKEN_PREFIX = 'agw_sa_';
const TOKEN_SHAPE = /^agw_sa_[A-Za-z0-9_-]{43}$/;

/**
 * A new service-account token: `agw_sa_` + 256 random bits, hashed like an API token (only the hash
 * is stored). Its length differs from an API token's (`agw_` + 43), so the two never look alike.
 */
export function newServiceAccountSecret(): { token: string; hash: string; displayPrefix: string } {
  const token = `${SERVICE_ACCOUNT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), displayPrefix: token.slice(0, 13) };
}

export const isWellFormedServiceAccountToken = (token: string) => TOKEN_SHAPE.test(token);
