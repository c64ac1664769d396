import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { ArtifactTokenError } from './errors';

export const MAX_TOKEN_LENGTH = 8 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
// Headers that would make a verifier fetch or trust key material named by the token itself.
const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'] as const;

/** Cheap checks that run before any key lookup or crypto; returns the token as a string. */
export function assertTokenShape(token: unknown): string {
  if (token === undefined || token === null || token === '') throw new ArtifactTokenError('token_missing');
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
    throw new ArtifactTokenError('token_malformed');
  }
  const header = readProtectedHeader(token);
  if (FORBIDDEN_HEADERS.some((name) => Object.hasOwn(header, name))) throw new ArtifactTokenError('forbidden_header');
  if (header.alg !== 'ES256') throw new ArtifactTokenError('wrong_algorithm');
  if (typeof header.kid !== 'string' || header.kid === '') throw new ArtifactTokenError('unknown_key');
  return token;
}

function readProtectedHeader(token: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(token);
  } catch (cause) {
    throw new ArtifactTokenError('token_malformed', { cause });
  }
}
