import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { ArtifactTokenError } from './errors.ts';
import { isUnknownKeyError } from './jose-errors.ts';

/** The JWKS URL: configured, or `<issuer>/.well-known/jwks.json`; never one a token names. */
export function jwksUrl(issuer: string, jwksUri: string | undefined, caller: string): URL {
  const url = new URL(jwksUri ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${caller}: jwksUri must be http(s)`);
  return url;
}

// jose caches the set, refetches at most every 30 s when a kid is unknown (key rotation), and
// surfaces network failures as plain errors; those become jwks_unavailable here.
export function remoteKeySet(url: URL): JWTVerifyGetKey {
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
