import type { JWTPayload } from 'jose';
import { ArtifactTokenError } from './errors.ts';
import type { AccessTokenClaims } from './types.ts';

export const ACCESS_TOKEN_REQUIRED_CLAIMS = ['sub', 'client_id', 'scope', 'jti', 'iat', 'exp'];

const malformed = () => new ArtifactTokenError('token_malformed', { token: 'access' });
const missing = () => new ArtifactTokenError('missing_claim', { token: 'access' });

/** Shapes a payload jose has already verified (signature, iss, aud, typ, times) into typed claims. */
export function toAccessTokenClaims(payload: JWTPayload, audience: string): AccessTokenClaims {
  const scope = string(payload, 'scope');
  return {
    iss: string(payload, 'iss'),
    sub: string(payload, 'sub'),
    aud: audience,
    client_id: string(payload, 'client_id'),
    scope,
    scopes: scope.split(' ').filter(Boolean),
    org_id: optionalString(payload, 'org_id'),
    org_role: orgRole(payload.org_role),
    sid: optionalString(payload, 'sid'),
    act: actor(payload.act),
    jti: string(payload, 'jti'),
    iat: number(payload, 'iat'),
    exp: number(payload, 'exp'),
  };
}

function string(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (value === undefined || value === '') throw missing();
  if (typeof value !== 'string') throw malformed();
  return value;
}

function optionalString(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw malformed();
  return value;
}

function number(payload: JWTPayload, claim: string): number {
  const value = payload[claim];
  if (value === undefined) throw missing();
  if (typeof value !== 'number' || !Number.isFinite(value)) throw malformed();
  return value;
}

function orgRole(value: unknown): AccessTokenClaims['org_role'] {
  if (value === undefined || value === null) return null;
  if (value === 'admin' || value === 'member' || value === 'guest') return value;
  throw malformed();
}

function actor(value: unknown): AccessTokenClaims['act'] {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || typeof (value as { sub?: unknown }).sub !== 'string') throw malformed();
  return { sub: (value as { sub: string }).sub };
}
