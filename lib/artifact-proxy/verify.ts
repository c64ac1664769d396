import { decodeJwt } from 'jose';
import { createVerifier, type AppSessionClaims } from '@/lib/artifact-sdk';

export type VerifiedSession = AppSessionClaims & { token: string; orgRole: string | null };

export interface SessionVerifier {
  /** Verifies a token for one app exactly as the SDK does; throws ArtifactTokenError. */
  verify(token: unknown, appId: string): Promise<VerifiedSession>;
}

/** The project's own SDK verifier, pinned to the gateway; a small clock tolerance so sessions end on time. */
export function createSessionVerifier(gatewayOrigin: string, gatewayUrl: string): SessionVerifier {
  // Revocations (SPEC §9): add `revocations: true` here once the SDK follows the revocation feed.
  const verifier = createVerifier({
    issuer: gatewayOrigin,
    jwksUri: new URL('/.well-known/jwks.json', gatewayUrl).href,
    clockToleranceSeconds: 5,
  });
  return {
    async verify(token, appId) {
      const claims = await verifier.verify(token, { audience: appId });
      // org_role is newer than the SDK's claim set; read it from the verified token when present.
      const role = decodeJwt(token as string).org_role;
      return { ...claims, token: token as string, orgRole: typeof role === 'string' ? role : null };
    },
  };
}
