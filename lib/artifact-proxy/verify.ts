import { ArtifactTokenError, createVerifier, type AppSessionClaims } from '@/lib/artifact-sdk';
import { followRevocations } from '@/lib/artifact-sdk/revocation-follower';

const CLOCK_TOLERANCE_SECONDS = 5;

export type VerifiedSession = AppSessionClaims & { token: string; orgRole: string | null };

export interface SessionVerifier {
  /** Verifies a token for one app exactly as the SDK does, revocations included; throws ArtifactTokenError. */
  verify(token: unknown, appId: string): Promise<VerifiedSession>;
  /**
   * Whether a session verified earlier has been revoked since, without checking its signature again:
   * for what stays open (tunnels, streams). Throws `token_revoked`, or `revocations_unavailable`.
   */
  checkNotRevoked(session: VerifiedSession): Promise<void>;
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
): SessionVerifier {
  const verifier = createVerifier({
    issuer: gatewayOrigin,
    jwksUri: new URL('/.well-known/jwks.json', gatewayUrl).href,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  });
  // The SDK's defaults: read every 10 s; after 60 s without a read, every token is refused (fail closed).
  const revocations = followRevocations({
    issuer: gatewayOrigin,
    endpoint: revocationEndpoint,
    pollSeconds: 10,
    maxStalenessSeconds: 60,
    clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS,
  });
  return {
    async verify(token, appId) {
      const claims = await verifier.verify(token, { audience: appId });
      await revocations.check(claims);
      return { ...claims, token: token as string, orgRole: claims.org_role };
    },
    checkNotRevoked: (session) => revocations.check(session),
  };
}

/**
 * The gateway's keys or its revocation feed could not be read: the session may well be valid, so the
 * answer is a 503 to retry, never a 401 that clears the cookie and sends the viewer back to the bootstrap.
 */
export function isVerifierOutage(err: unknown): boolean {
  return err instanceof ArtifactTokenError && (err.code === 'jwks_unavailable' || err.code === 'revocations_unavailable');
}
