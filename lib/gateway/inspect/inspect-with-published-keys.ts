import { env } from '@/lib/platform/config/env';
import { keySnapshot } from '../keys/keyring';
import { inspectToken, type TokenInspection } from './inspect-token';

/**
 * Inspects a token against the keys this gateway publishes, taken from its own memory: never
 * fetched from anywhere, and the token is neither sent on nor logged.
 */
export async function inspectWithPublishedKeys(token: string, audience: string | null): Promise<TokenInspection> {
  const { jwks } = await keySnapshot();
  return inspectToken(token, { jwks, issuer: env().APP_URL, audience, now: new Date() });
}
