import { decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import { ArtifactTokenError } from './errors.ts';
import { COMPACT_JWS, FORBIDDEN_HEADERS, MAX_TOKEN_LENGTH } from './protocol.ts';

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
