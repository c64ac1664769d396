import { ArtifactTokenError, type ArtifactTokenVerifier } from '../../lib/artifact-sdk';
import { json, problem, type Reply } from './responses';

// GET /apps/{appId}/api/whoami — verifies the Bearer token for this app; answers the verified claims.
export async function whoami(verifier: ArtifactTokenVerifier, appId: string, authorization: string | undefined): Promise<Reply> {
  try {
    const claims = await verifier.verify(bearerToken(authorization), { audience: appId });
    return json(200, claims);
  } catch (err) {
    if (!(err instanceof ArtifactTokenError)) throw err;
    return tokenProblem(err);
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined || authorization.trim() === '') return undefined;
  const match = /^Bearer +([^\s]+)\s*$/i.exec(authorization);
  if (!match) throw new ArtifactTokenError('token_malformed');
  return match[1];
}

function tokenProblem(err: ArtifactTokenError): Reply {
  // Keys or revocations unreadable is our outage, not a bad token: 503 so clients retry instead of re-minting.
  if (err.code === 'jwks_unavailable' || err.code === 'revocations_unavailable') {
    return problem(503, err.code, 'Token verification unavailable', err.message, { 'Retry-After': '10' });
  }
  const challenge = err.code === 'token_missing' ? 'Bearer' : 'Bearer error="invalid_token"';
  return problem(401, err.code, 'Invalid app session token', err.message, { 'WWW-Authenticate': challenge });
}
