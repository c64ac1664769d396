import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { REQUIRED_CLAIMS, TOKEN_TYPE, toAppSessionClaims } from './claims';
import { ArtifactTokenError } from './errors';
import { isUnknownKeyError, toArtifactTokenError } from './jose-errors';
import { assertTokenShape } from './token-shape';
import type { ArtifactTokenVerifier, VerifierOptions } from './types';

const MAX_CLOCK_TOLERANCE_SECONDS = 60;

/** A verifier for app session tokens, pinned to one gateway (issuer) and its JWKS. */
export function createVerifier(options: VerifierOptions): ArtifactTokenVerifier {
  const { issuer } = options;
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError('createVerifier: issuer is required');
  const clockTolerance = options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0 || clockTolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new RangeError(`createVerifier: clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  const keys = remoteKeySet(jwksUrl(issuer, options.jwksUri));

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
        return toAppSessionClaims(payload, audience);
      } catch (err) {
        throw toArtifactTokenError(err);
      }
    },
  };
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
