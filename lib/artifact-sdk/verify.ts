import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { REQUIRED_CLAIMS, TOKEN_TYPE, toAppSessionClaims } from './claims';
import { ArtifactTokenError } from './errors';
import { isUnknownKeyError, toArtifactTokenError } from './jose-errors';
import { feedUrl } from './revocation-feed';
import { followRevocations, type RevocationFollower } from './revocation-follower';
import { assertTokenShape } from './token-shape';
import type { ArtifactTokenVerifier, VerifierOptions } from './types';

const MAX_CLOCK_TOLERANCE_SECONDS = 60;
const DEFAULT_POLL_SECONDS = 10;
const DEFAULT_MAX_STALENESS_SECONDS = 60;

/** A verifier for app session tokens, pinned to one gateway (issuer) and its JWKS. */
export function createVerifier(options: VerifierOptions): ArtifactTokenVerifier {
  const { issuer } = options;
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError('createVerifier: issuer is required');
  const clockTolerance = options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0 || clockTolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new RangeError(`createVerifier: clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  const keys = remoteKeySet(jwksUrl(issuer, options.jwksUri));
  const revocations = options.revocations === true ? revocationFollower(options, clockTolerance) : null;

  return {
    async verify(token, { audience }) {
      if (typeof audience !== 'string' || audience === '') throw new TypeError('verify: audience is required');
      const compact = assertTokenShape(token);
      try {
        const { payload } = await jwtVerify(compact, keys, {
          algorithms: ['ES256'],
          typ: TOKEN_TYPE,
          issuer,
          audience,
          clockTolerance,
          requiredClaims: REQUIRED_CLAIMS,
        });
        const claims = toAppSessionClaims(payload, audience);
        await revocations?.check(claims);
        return claims;
      } catch (err) {
        throw toArtifactTokenError(err);
      }
    },
    revocationStatus: () => revocations?.status() ?? null,
    close: () => revocations?.close(),
  };
}

function revocationFollower(options: VerifierOptions, clockToleranceSeconds: number): RevocationFollower {
  const pollSeconds = options.revocationPollSeconds ?? DEFAULT_POLL_SECONDS;
  if (!Number.isFinite(pollSeconds) || pollSeconds < 1 || pollSeconds > 300) {
    throw new RangeError('createVerifier: revocationPollSeconds must be between 1 and 300');
  }
  const maxStalenessSeconds = options.revocationMaxStalenessSeconds ?? Math.max(DEFAULT_MAX_STALENESS_SECONDS, 2 * pollSeconds);
  if (!Number.isFinite(maxStalenessSeconds) || maxStalenessSeconds < 2 * pollSeconds || maxStalenessSeconds > 3600) {
    throw new RangeError('createVerifier: revocationMaxStalenessSeconds must be between twice the poll interval and 3600');
  }
  if (options.revocationEndpoint !== undefined) {
    try {
      feedUrl(options.revocationEndpoint);
    } catch {
      throw new TypeError('createVerifier: revocationEndpoint must be an http(s) URL');
    }
  }
  return followRevocations({
    issuer: options.issuer,
    endpoint: options.revocationEndpoint,
    pollSeconds,
    maxStalenessSeconds,
    clockToleranceSeconds,
  });
}

function jwksUrl(issuer: string, jwksUri: string | undefined): URL {
  const url = new URL(jwksUri ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('createVerifier: jwksUri must be http(s)');
  return url;
}

// jose caches the set, refetches at most every 30 s when a kid is unknown (key rotation), and
// surfaces network failures as plain errors; those become jwks_unavailable here.
function remoteKeySet(url: URL): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5_000 });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (err) {
      if (isUnknownKeyError(err)) throw err;
      throw new ArtifactTokenError('jwks_unavailable', { cause: err });
    }
  };
}
