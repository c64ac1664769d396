import { jwtVerify } from 'jose';
import { ACCESS_TOKEN_REQUIRED_CLAIMS, toAccessTokenClaims } from './access-token-claims.ts';
import { ArtifactTokenError } from './errors.ts';
import { toArtifactTokenError } from './jose-errors.ts';
import { jwksUrl, remoteKeySet } from './key-set.ts';
import { ACCESS_TOKEN_TYPE } from './protocol.ts';
import { assertTokenShape } from './token-shape.ts';
import type { AccessTokenVerifier, AccessTokenVerifierOptions } from './types.ts';
import { clockToleranceOf, revocationFollower } from './verify.ts';

const NAME = 'createAccessTokenVerifier';

/**
 * A verifier for the gateway's access tokens (SPEC §17, RFC 9068), for a resource server: ES256
 * against the gateway's JWKS, `typ` `at+jwt`, `iss`, `aud` = this resource, times, the scopes it
 * requires, and the revocation feed (on by default), where an entry matches the token by its
 * resource (`aud`) or by the app that obtained it (`client_id`). Authorize on `sub` and `org_id`
 * together. An app session token is refused here (`wrong_type`), and an access token by `createVerifier`.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const { issuer, audience } = options;
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError(`${NAME}: issuer is required`);
  if (typeof audience !== 'string' || audience === '') throw new TypeError(`${NAME}: audience (this resource's id) is required`);
  const required = scopeList(options.requiredScope);
  const clockTolerance = clockToleranceOf(options, NAME);
  const keys = remoteKeySet(jwksUrl(issuer, options.jwksUri, NAME));
  const revocations = options.revocations === false ? null : revocationFollower(options, clockTolerance, NAME);

  return {
    async verify(token, verifyOptions = {}) {
      try {
        const compact = assertTokenShape(token);
        const { payload } = await jwtVerify(compact, keys, {
          algorithms: ['ES256'],
          typ: ACCESS_TOKEN_TYPE,
          issuer,
          audience,
          clockTolerance,
          requiredClaims: ACCESS_TOKEN_REQUIRED_CLAIMS,
        });
        const claims = toAccessTokenClaims(payload, audience);
        await revocations?.check(
          { sid: claims.sid, sub: claims.sub, org_id: claims.org_id, aud: claims.aud, iat: claims.iat },
          { sid: claims.sid, sub: claims.sub, org_id: claims.org_id, aud: claims.client_id, iat: claims.iat },
        );
        const needed = [...required, ...scopeList(verifyOptions.requiredScope)];
        if (needed.some((scope) => !claims.scopes.includes(scope))) throw new ArtifactTokenError('insufficient_scope', { token: 'access' });
        return claims;
      } catch (err) {
        const error = toArtifactTokenError(err);
        throw error.code === 'insufficient_scope' ? error : new ArtifactTokenError(error.code, { cause: error.cause, token: 'access' });
      }
    },
    revocationStatus: () => revocations?.status() ?? null,
    close: () => revocations?.close(),
  };
}

function scopeList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(' ') : [...value];
  if (list.some((s) => typeof s !== 'string' || s === '' || s.includes(' '))) throw new TypeError(`${NAME}: requiredScope must be scope names`);
  return list;
}
