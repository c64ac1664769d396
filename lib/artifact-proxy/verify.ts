import { ArtifactTokenError, createVerifier, type AppSessionClaims } from '@/lib/artifact-sdk';

export type VerifiedSession = AppSessionClaims & { token: string; orgRole: string | null };

export interface SessionVerifier {
  /** Verifies a token for one app exactly as the SDK does, revocations included; throws ArtifactTokenError. */
  verify(token: unknown, appId: string): Promise<VerifiedSession>;
}

/**
 * The project's own SDK verifier, pinned to the gateway, following its revocation feed (SPEC §9), so
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
    clockToleranceSeconds: 5,
    revocations: true,
    revocationEndpoint,
  });
  return {
    async verify(token, appId) {
      const claims = await verifier.verify(token, { audience: appId });
      return { ...claims, token: token as string, orgRole: claims.org_role };
    },
  };
}

/**
 * The gateway's keys or its revocation feed could not be read: the session may well be valid, so the
 * answer is a 503 to retry, never a 401 that clears the cookie and sends the viewer back to the bootstrap.
 */
export function isVerifierOutage(err: unknown): boolean {
  return err instanceof ArtifactTokenError && (err.code === 'jwks_unavailable' || err.code === 'revocations_unavailable');
}
