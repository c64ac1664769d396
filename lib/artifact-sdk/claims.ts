import type { JWTPayload } from 'jose';
import { ArtifactTokenError } from './errors.ts';
import type { AppSessionClaims, AuthVia, GuestSessionClaims, OrgRole } from './types.ts';

export { GUEST_TOKEN_TYPE, TOKEN_TYPE } from './protocol.ts';
export const REQUIRED_CLAIMS = ['sub', 'exp', 'iat', 'nbf', 'jti', 'org_id', 'workflow_id'];
/** What every token the gateway signs carries, member's or guest's. */
export const COMMON_CLAIMS = ['sub', 'exp', 'iat', 'nbf', 'jti'];

/** Shapes a verified guest token's payload (SPEC §15): `role` and `org_role` are `"guest"`, and it has no org. */
export function toGuestClaims(payload: JWTPayload, audience: string): GuestSessionClaims {
  if (payload.org_role !== 'guest' || payload.org_id !== undefined) throw new ArtifactTokenError('token_malformed');
  const via = payload.auth_via;
  if (via !== 'share_link' && via !== 'public' && via !== 'session') throw new ArtifactTokenError('token_malformed');
  return {
    iss: requiredString(payload, 'iss'),
    aud: audience,
    sub: requiredString(payload, 'sub'),
    sid: requiredString(payload, 'sid'),
    role: 'guest',
    org_role: 'guest',
    name: requiredString(payload, 'name'),
    email: optionalString(payload, 'email'),
    auth_via: via,
    share_id: optionalString(payload, 'share_id'),
    iat: requiredNumber(payload, 'iat'),
    nbf: requiredNumber(payload, 'nbf'),
    exp: requiredNumber(payload, 'exp'),
    jti: requiredString(payload, 'jti'),
  };
}

/** Shapes a payload jose has already verified (signature, iss, aud, typ, times) into typed claims. */
export function toAppSessionClaims(payload: JWTPayload, audience: string): AppSessionClaims {
  return {
    iss: requiredString(payload, 'iss'),
    aud: audience,
    sub: requiredString(payload, 'sub'),
    org_id: requiredString(payload, 'org_id'),
    sid: optionalString(payload, 'sid'),
    org_role: orgRole(payload.org_role),
    workflow_id: requiredString(payload, 'workflow_id'),
    name: optionalString(payload, 'name'),
    email: optionalString(payload, 'email'),
    auth_via: authVia(payload.auth_via),
    iat: requiredNumber(payload, 'iat'),
    nbf: requiredNumber(payload, 'nbf'),
    exp: requiredNumber(payload, 'exp'),
    jti: requiredString(payload, 'jti'),
  };
}

function requiredString(payload: JWTPayload, claim: string): string {
  const value = payload[claim];
  if (value === undefined || value === '') throw new ArtifactTokenError('missing_claim');
  if (typeof value !== 'string') throw new ArtifactTokenError('token_malformed');
  return value;
}

function optionalString(payload: JWTPayload, claim: string): string | null {
  const value = payload[claim];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ArtifactTokenError('token_malformed');
  return value;
}

function requiredNumber(payload: JWTPayload, claim: string): number {
  const value = payload[claim];
  if (value === undefined) throw new ArtifactTokenError('missing_claim');
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ArtifactTokenError('token_malformed');
  return value;
}

function orgRole(value: unknown): OrgRole | null {
  if (value === undefined || value === null) return null;
  if (value === 'admin' || value === 'member') return value;
  throw new ArtifactTokenError('token_malformed');
}

function authVia(value: unknown): AuthVia | null {
  if (value === undefined || value === null) return null;
  if (value === 'session' || value === 'api_token') return value;
  throw new ArtifactTokenError('token_malformed');
}
