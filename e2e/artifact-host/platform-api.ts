import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ArtifactTokenError, createAccessTokenVerifier, type AccessTokenVerifier } from '../../lib/artifact-sdk/index';
import { runsStartedBy } from './platform-api-runs';
import { json, problem, send, type Reply } from './responses';

export interface PlatformApiConfig {
  /** The gateway origin: the access tokens' issuer. */
  issuer: string;
  jwksUrl: string;
  /** The revocation feed; undefined = `revocation_endpoint` from the gateway's discovery document. */
  revocationUrl?: string;
  /** This API's resource id: the access tokens' `aud`. */
  resource: string;
  /** How often the feed is read; default the SDK's (10 s). */
  revocationPollSeconds?: number;
}

const REQUIRED_SCOPE = 'runs:read';
// JSON only, read by servers (the sample artifact's backend): nothing for a browser to frame, sniff or keep.
const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" };

/**
 * The demo platform API (SPEC §17): a resource server as a platform team would write one with the
 * SDK. Its access tokens are verified against the gateway's keys and revocation feed; what it answers
 * is the token's viewer's, in the token's org. Called by artifact backends, so it sends no CORS headers.
 */
export function createPlatformApiServer(config: PlatformApiConfig, options: { log?: (line: string) => void } = {}): Server {
  const log = options.log ?? (() => undefined);
  const verifier = createAccessTokenVerifier({
    issuer: config.issuer,
    audience: config.resource,
    requiredScope: REQUIRED_SCOPE,
    jwksUri: config.jwksUrl,
    revocationEndpoint: config.revocationUrl,
    revocationPollSeconds: config.revocationPollSeconds,
  });
  const challenge = (params = '') => `Bearer realm="${config.resource}"${params}`;

  async function route(req: IncomingMessage, pathname: string): Promise<Reply> {
    if (pathname === '/healthz') return json(200, { status: 'ok' });
    if (pathname !== '/runs') return problem(404, 'not_found', 'Not found', 'The demo platform API answers GET /runs.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return problem(405, 'method_not_allowed', 'Method not allowed', 'GET /runs only.', { Allow: 'GET, HEAD' });
    return listRuns(verifier, req.headers.authorization, challenge);
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const { pathname } = new URL(req.url ?? '/', 'http://platform-api.invalid');
    route(req, pathname)
      .catch((err: unknown) => {
        log(`platform API: unexpected ${err instanceof Error ? err.name : 'error'} on ${pathname}`);
        return problem(500, 'internal_error', 'Internal error', 'The demo platform API failed to answer.');
      })
      .then((reply) => {
        send(res, reply, BASE_HEADERS, req.method === 'HEAD');
        log(`platform API: ${req.method} ${pathname} ${reply.status} ${Date.now() - started}ms`);
      })
      .catch(() => res.destroy());
  });
  server.on('close', () => verifier.close());
  return server;
}

// GET /runs — the runs the token's viewer started in the token's org (authorized on sub and org_id together).
async function listRuns(verifier: AccessTokenVerifier, authorization: string | undefined, challenge: (params?: string) => string): Promise<Reply> {
  const presented = bearer(authorization);
  // RFC 6750 §3.1: no credentials (or another scheme) → a bare challenge; a garbled Bearer header → invalid_request.
  if (presented === null) return problem(401, 'token_missing', 'Access token required', 'Send Authorization: Bearer <access token>.', { 'WWW-Authenticate': challenge() });
  if (presented === undefined) {
    return problem(400, 'invalid_request', 'Malformed Authorization header', 'Send Authorization: Bearer <access token>.', { 'WWW-Authenticate': challenge(', error="invalid_request"') });
  }
  try {
    const claims = await verifier.verify(presented);
    // A guest has no org: nothing of any org's is theirs.
    const runs = claims.org_id === null ? [] : runsStartedBy(claims.sub, claims.org_id);
    return json(200, { sub: claims.sub, org_id: claims.org_id, runs });
  } catch (err) {
    if (!(err instanceof ArtifactTokenError)) throw err;
    if (err.code === 'jwks_unavailable' || err.code === 'revocations_unavailable') {
      return problem(503, err.code, 'Token verification unavailable', err.message, { 'Retry-After': '10' });
    }
    if (err.code === 'insufficient_scope') {
      return problem(403, err.code, 'Insufficient scope', err.message, { 'WWW-Authenticate': challenge(`, error="insufficient_scope", scope="${REQUIRED_SCOPE}"`) });
    }
    return problem(401, err.code, 'Invalid access token', err.message, { 'WWW-Authenticate': challenge(`, error="invalid_token", error_description="${quotable(err.message)}"`) });
  }
}

/** The Bearer token; null when no Bearer credentials were sent; undefined when the Bearer header is malformed. */
function bearer(authorization: string | undefined): string | null | undefined {
  if (authorization === undefined || !/^Bearer(\s|$)/i.test(authorization)) return null;
  return /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization)?.[1];
}

/** RFC 6750 §3: error_description is %x20-21 / %x23-5B / %x5D-7E. */
const quotable = (text: string) => text.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, '');
