import { ArtifactTokenError, createVerifier, type AppSessionClaims, type GuestSessionClaims } from '@/lib/artifact-sdk/index';
import { followRevocations } from '@/lib/artifact-sdk/revocation-follower';
import type { RevocationSubject } from '@/lib/artifact-sdk/revocation-list';
import { refusal, UNCHECKED_SESSION, type Refusal } from './refusal';
import { createVerifiedTokens, MAX_VERIFIED_TOKENS } from './verified-tokens';

const CLOCK_TOLERANCE_SECONDS = 5;

/** A verified member's or guest's token (SPEC §15: a guest has `role: "guest"` and no org). */
export type VerifiedSession = (AppSessionClaims | GuestSessionClaims) & { token: string; orgRole: string | null };

export const isGuestSession = (session: VerifiedSession): session is GuestSessionClaims & { token: string; orgRole: string | null } =>
  'role' in session && session.role === 'guest';

/** A verified session, or why not: `unauthenticated` (the token), or `unavailable` (the gateway's keys or feed could not be read). */
export type SessionCheck = { readonly ok: true; readonly session: VerifiedSession } | Refusal;

export interface SessionVerifier {
  /**
   * Verifies a token for one app exactly as the SDK does: its signature and claims once per token
   * (kept until it expires, in a bounded cache), its revocation on every call.
   */
  verify(token: unknown, appId: string): Promise<SessionCheck>;
  /** Whether a session verified earlier may stay open (tunnels, streams): not revoked since, the feed read recently enough. */
  stillValid(session: VerifiedSession): Promise<boolean>;
  /**
   * Whether a token obtained for a session (the access token the proxy injects) is revoked by the
   * feed under any of the ways it is named, or the feed is unread for too long (fail closed: true).
   */
  revoked(...claims: RevocationSubject[]): Promise<boolean>;
  /** How many tokens are kept verified (at most `maxVerifiedTokens`). */
  verifiedTokens(): number;
}

/**
 * The project's own SDK verifier, pinned to the gateway, and the SDK's follower of its revocation feed
 * (SPEC §9; as `revocations: true` would, but one follower for new tokens and open sessions alike), so
 * a signed-out viewer's proxy session ends at the next poll; a small clock tolerance so sessions end on time.
 */
export function createSessionVerifier(
  gatewayOrigin: string,
  gatewayUrl: string,
  revocationEndpoint = new URL('/v1/app-gateway/revocations', gatewayUrl).href,
  { maxVerifiedTokens = MAX_VERIFIED_TOKENS } = {},
): SessionVerifier {
  const verifier = createVerifier({
    issuer: gatewayOrigin,
    jwksUri: new URL('/.well-known/jwks.json', gatewayUrl).href,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
    // Guest tokens verify here; whether the app's org lets guests in is decided per request (guest-admission.ts).
    guests: true,
  });
  // The SDK's defaults: read every 10 s; after 60 s without a read, every token is refused (fail closed).
  const revocations = followRevocations({
    issuer: gatewayOrigin,
    endpoint: revocationEndpoint,
    pollSeconds: 10,
    maxStalenessSeconds: 60,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  });
  // What a token verified as: the same token always verifies the same, but for its expiry and revocations.
  const verified = createVerifiedTokens<VerifiedSession>(CLOCK_TOLERANCE_SECONDS, maxVerifiedTokens);

  async function notRevoked(session: VerifiedSession): Promise<SessionCheck> {
    try {
      // A guest token has no org: entries naming an org never match it, its `sid` and `sub` + `aud` do.
      await revocations.check({ sid: session.sid, sub: session.sub, org_id: 'org_id' in session ? session.org_id : null, aud: session.aud, iat: session.iat });
      return { ok: true, session };
    } catch (err) {
      return refusalOf(err);
    }
  }

  return {
    async verify(token, appId) {
      const kept = typeof token === 'string' ? verified.get(token, appId) : undefined;
      if (kept !== undefined) return notRevoked(kept);
      let claims: AppSessionClaims | GuestSessionClaims;
      try {
        claims = await verifier.verify(token, { audience: appId });
      } catch (err) {
        return refusalOf(err);
      }
      const answer = await notRevoked({ ...claims, token: token as string, orgRole: claims.org_role });
      if (answer.ok) verified.set(answer.session.token, answer.session);
      return answer;
    },
    stillValid: async (session) => (await notRevoked(session)).ok,
    revoked: (...claims) =>
      revocations.check(...claims).then(
        () => false,
        () => true,
      ),
    verifiedTokens: () => verified.size,
  };
}

/**
 * A token the SDK refused is `unauthenticated`, its reason (the SDK's code) in the problem. The
 * gateway's keys or feed unreadable is an outage: the session may well be valid, so the answer is a
 * 503 to retry, never a 401 that clears the cookie and sends the viewer back to the bootstrap.
 */
function refusalOf(err: unknown): Refusal {
  if (!(err instanceof ArtifactTokenError)) throw err;
  if (err.code === 'jwks_unavailable' || err.code === 'revocations_unavailable') return UNCHECKED_SESSION;
  return refusal('unauthenticated', err.message, { invalidToken: true, extra: { reason: err.code } });
}
