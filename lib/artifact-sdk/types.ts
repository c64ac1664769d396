export type AuthVia = 'session' | 'api_token';
export type OrgRole = 'admin' | 'member';

/** The verified claims of an app session token (SPEC §3). Times are seconds since the epoch. */
export interface AppSessionClaims {
  iss: string;
  /** The app id the token was verified for. */
  aud: string;
  sub: string;
  org_id: string;
  /** The viewer's role in the app's org, read when the token was minted; null from a gateway before roles. */
  org_role: OrgRole | null;
  workflow_id: string;
  name: string | null;
  email: string | null;
  auth_via: AuthVia | null;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}

export interface VerifierOptions {
  /** The gateway origin, exactly as it appears in `iss`, e.g. `http://localhost:3000`. */
  issuer: string;
  /** Defaults to `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Allowed clock skew, 0–60 seconds; default 60. */
  clockToleranceSeconds?: number;
}

export interface VerifyOptions {
  /** The app id this backend serves; the token's `aud` must name it. */
  audience: string;
}

export interface ArtifactTokenVerifier {
  verify(token: unknown, options: VerifyOptions): Promise<AppSessionClaims>;
}
