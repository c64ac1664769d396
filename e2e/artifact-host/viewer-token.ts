import { decodeJwt } from 'jose';
import { ArtifactTokenError, type AppSessionClaims, type ArtifactTokenVerifier, type GuestSessionClaims } from '../../lib/artifact-sdk/index';
import { appLabel } from '@/lib/gateway/apps/per-app-origin';
import { problem, type Reply } from './responses';

export type ViewerClaims = AppSessionClaims | GuestSessionClaims;

/** The app session token of `Authorization: Bearer`, verified for the app of this origin (its label). Throws ArtifactTokenError. */
export async function verifyViewerToken(verifier: ArtifactTokenVerifier<ViewerClaims>, label: string, authorization: string | undefined): Promise<{ token: string; claims: ViewerClaims }> {
  const token = bearerToken(authorization);
  const claims = await verifier.verify(token, { audience: audienceOfThisOrigin(token, label) });
  return { token: token!, claims };
}

/**
 * The host knows its app only by the origin's label (the app id in DNS form, which loses letter case),
 * so the audience to pin is the token's own `aud` — accepted only when that app id maps to this origin.
 */
function audienceOfThisOrigin(token: string | undefined, label: string): string {
  let aud: unknown;
  try {
    aud = token === undefined ? undefined : decodeJwt(token).aud;
  } catch {
    return label; // not a JWT: verify() names the failure (token_malformed)
  }
  if (aud === undefined) return label;
  if (typeof aud !== 'string' || appLabel(aud) !== label) throw new ArtifactTokenError('wrong_audience');
  return aud;
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer +([^\s]+)\s*$/i.exec(authorization);
  if (!match) throw new ArtifactTokenError('token_malformed');
  return match[1];
}

/** A refused app session token: 401 with the SDK's code, or 503 when the gateway's keys or feed could not be read. */
export function tokenProblem(err: ArtifactTokenError): Reply {
  // Keys or revocations unreadable is our outage, not a bad token: 503 so clients retry instead of re-minting.
  if (err.code === 'jwks_unavailable' || err.code === 'revocations_unavailable') {
    return problem(503, err.code, 'Token verification unavailable', err.message, { 'Retry-After': '10' });
  }
  const challenge = err.code === 'token_missing' ? 'Bearer' : 'Bearer error="invalid_token"';
  return problem(401, err.code, 'Invalid app session token', err.message, { 'WWW-Authenticate': challenge });
}
