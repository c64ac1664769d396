import { jwtVerify } from 'jose';
import { COMMON_CLAIMS, GUEST_TOKEN_TYPE, REQUIRED_CLAIMS, TOKEN_TYPE, toAppSessionClaims, toGuestClaims } from './claims.ts';
import { ArtifactTokenError } from './errors.ts';
import { toArtifactTokenError } from './jose-errors.ts';
import { jwksUrl, remoteKeySet } from './key-set.ts';
import { feedUrl } from './revocation-feed.ts';
import { followRevocations, type RevocationFollower } from './revocation-follower.ts';
import { assertTokenShape } from './token-shape.ts';
import type { AppSessionClaims, ArtifactTokenVerifier, GuestSessionClaims, RevocationOptions, VerifierOptions } from './types.ts';

const MAX_CLOCK_TOLERANCE_SECONDS = 60;
const DEFAULT_POLL_SECONDS = 10;
const DEFAULT_MAX_STALENESS_SECONDS = 60;

/**
 * A verifier for app session tokens, pinned to one gateway (issuer) and its JWKS. With
 * `guests: true` it also accepts guest tokens (SPEC §15), answered with `role: "guest"`.
 */
export function createVerifier(options: VerifierOptions & { guests: true }): ArtifactTokenVerifier<AppSessionClaims | GuestSessionClaims>;
export function createVerifier(options: VerifierOptions & { guests?: false }): ArtifactTokenVerifier;
export function createVerifier(options: VerifierOptions): ArtifactTokenVerifier<AppSessionClaims | GuestSessionClaims>;
export function createVerifier(options: VerifierOptions): ArtifactTokenVerifier<AppSessionClaims | GuestSessionClaims> {
  const guests = options.guests === true;
  const { issuer } = options;
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError('createVerifier: issuer is required');
  const clockTolerance = clockToleranceOf(options, 'createVerifier');
  const keys = remoteKeySet(jwksUrl(issuer, options.jwksUri, 'createVerifier'));
  const revocations = options.revocations === true ? revocationFollower(options, clockTolerance, 'createVerifier') : null;

  return {
    async verify(token, { audience }) {
      if (typeof audience !== 'string' || audience === '') throw new TypeError('verify: audience is required');
      const compact = assertTokenShape(token);
      try {
        const { payload, protectedHeader } = await jwtVerify(compact, keys, {
          algorithms: ['ES256'],
          // Without guests the type is pinned, so a guest token is refused as wrong_type; with them, either type.
          ...(guests ? {} : { typ: TOKEN_TYPE }),
          issuer,
          audience,
          clockTolerance,
          requiredClaims: guests ? COMMON_CLAIMS : REQUIRED_CLAIMS,
        });
        if (guests && protectedHeader.typ === GUEST_TOKEN_TYPE) {
          const claims = toGuestClaims(payload, audience);
          await revocations?.check({ sid: claims.sid, sub: claims.sub, org_id: null, aud: claims.aud, iat: claims.iat });
          return claims;
        }
        if (protectedHeader.typ !== TOKEN_TYPE) throw new ArtifactTokenError('wrong_type');
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

/** 0–60 s, default 60. */
export function clockToleranceOf(options: { clockToleranceSeconds?: number }, caller: string): number {
  const clockTolerance = options.clockToleranceSeconds ?? MAX_CLOCK_TOLERANCE_SECONDS;
  if (!Number.isFinite(clockTolerance) || clockTolerance < 0 || clockTolerance > MAX_CLOCK_TOLERANCE_SECONDS) {
    throw new RangeError(`${caller}: clockToleranceSeconds must be between 0 and ${MAX_CLOCK_TOLERANCE_SECONDS}`);
  }
  return clockTolerance;
}

/** The feed follower a verifier's options ask for; `caller` names the factory in option errors. */
export function revocationFollower(options: RevocationOptions, clockToleranceSeconds: number, caller: string): RevocationFollower {
  const pollSeconds = options.revocationPollSeconds ?? DEFAULT_POLL_SECONDS;
  if (!Number.isFinite(pollSeconds) || pollSeconds < 1 || pollSeconds > 300) {
    throw new RangeError(`${caller}: revocationPollSeconds must be between 1 and 300`);
  }
  const maxStalenessSeconds = options.revocationMaxStalenessSeconds ?? Math.max(DEFAULT_MAX_STALENESS_SECONDS, 2 * pollSeconds);
  if (!Number.isFinite(maxStalenessSeconds) || maxStalenessSeconds < 2 * pollSeconds || maxStalenessSeconds > 3600) {
    throw new RangeError(`${caller}: revocationMaxStalenessSeconds must be between twice the poll interval and 3600`);
  }
  if (options.revocationEndpoint !== undefined) {
    try {
      feedUrl(options.revocationEndpoint);
    } catch {
      throw new TypeError(`${caller}: revocationEndpoint must be an http(s) URL`);
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
