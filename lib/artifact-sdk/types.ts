export type AuthVia = 'session' | 'api_token';
export type OrgRole = 'admin' | 'member';

/** The verified claims of an app session token (SPEC §3). Times are seconds since the epoch. */
export interface AppSessionClaims {
  iss: string;
  /** The app id the token was verified for. */
  aud: string;
  sub: string;
  org_id: string;
  /** The viewer's session id (an API token's id for API-token mints); null in tokens minted before sessions existed. */
  sid: string | null;
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

/** How a verifier follows the gateway's revocation feed (SPEC §9). */
export interface RevocationOptions {
  /** The gateway origin, exactly as it appears in `iss`, e.g. `http://localhost:3000`. */
  issuer: string;
  /** The feed's URL; defaults to `revocation_endpoint` from `${issuer}/.well-known/app-gateway`. */
  revocationEndpoint?: string;
  /** How often the feed is read, 1–300 seconds; default 10. */
  revocationPollSeconds?: number;
  /**
   * How long verification goes on with the last entries read while the feed cannot be read, in
   * seconds (at least twice the poll interval, at most 3600); default 60. After that `verify`
   * refuses every token with `revocations_unavailable` until the feed answers again.
   */
  revocationMaxStalenessSeconds?: number;
}

export interface VerifierOptions extends RevocationOptions {
  /** Defaults to `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Allowed clock skew, 0–60 seconds; default 60. */
  clockToleranceSeconds?: number;
  /** Follow the gateway's revocation feed and refuse revoked tokens (`token_revoked`). Default false. */
  revocations?: boolean;
  /**
   * Accept guest tokens too (`typ: app-guest+jwt`, SPEC §15: people outside the org, let in by a
   * share link or a public app); `verify` then answers them with `role: "guest"`. Default false:
   * a guest token is refused with `wrong_type`.
   */
  guests?: boolean;
}

export interface VerifyOptions {
  /** The app id this backend serves; the token's `aud` must name it. */
  audience: string;
}

export interface ArtifactTokenVerifier<Claims = AppSessionClaims> {
  verify(token: unknown, options: VerifyOptions): Promise<Claims>;
  /** Where the revocation feed stands; null when revocations are off. */
  revocationStatus(): RevocationStatus | null;
  /** Stops following the revocation feed (its timer never keeps a process alive anyway). */
  close(): void;
}

export interface RevocationStatus {
  /** When the feed was last read to its end; null before the first successful read. */
  syncedAt: Date | null;
  /** Entries kept (those that can still revoke an unexpired token). */
  entries: number;
  /** Why the last read failed; null when it succeeded. */
  lastError: string | null;
}

/** The verified claims of an access token (SPEC §17, RFC 9068). Times are seconds since the epoch. */
export interface AccessTokenClaims {
  iss: string;
  /** The viewer the app acts for. Authorize on `sub` and `org_id` together. */
  sub: string;
  /** This resource's id. */
  aud: string;
  /** The app that obtained the token. */
  client_id: string;
  /** Space-separated, as sent. */
  scope: string;
  /** `scope`, split. */
  scopes: string[];
  /** The viewer's org (the app's); null for a guest. */
  org_id: string | null;
  org_role: OrgRole | 'guest' | null;
  /** The viewer's session (the app session token's `sid`). */
  sid: string | null;
  /** Who acts for `sub`: `{ sub: "app:<appId>" }` (RFC 8693 §4.1). */
  act: { sub: string } | null;
  jti: string;
  iat: number;
  exp: number;
}

export interface AccessTokenVerifierOptions extends RevocationOptions {
  /** This resource's id: the token's `aud` must name it. */
  audience: string;
  /** Scopes every token must carry (a space-separated string or a list); more per call with `verify(token, { requiredScope })`. */
  requiredScope?: string | readonly string[];
  /** Defaults to `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Allowed clock skew, 0–60 seconds; default 60. */
  clockToleranceSeconds?: number;
  /** Follow the gateway's revocation feed and refuse revoked tokens (`token_revoked`). Default true. */
  revocations?: boolean;
}

export interface AccessTokenVerifier {
  verify(token: unknown, options?: { requiredScope?: string | readonly string[] }): Promise<AccessTokenClaims>;
  /** Where the revocation feed stands; null when revocations are off. */
  revocationStatus(): RevocationStatus | null;
  close(): void;
}

/** How a guest came in: a share link, a public app, or their own session with an app grant (SPEC §16). */
export type GuestAuthVia = 'share_link' | 'public' | 'session';

/**
 * The verified claims of a guest token (SPEC §15, `typ: app-guest+jwt`): someone outside the app's
 * org, let in by a share link or because the app is public. There is no `org_id` and no
 * `workflow_id`; `role` and `org_role` are `"guest"`.
 */
export interface GuestSessionClaims {
  iss: string;
  aud: string;
  /** A signed-in person's own user id, or `gst_…` for an anonymous guest (stable for its guest session). */
  sub: string;
  /** The guest session (what the revocation feed names). */
  sid: string;
  role: 'guest';
  org_role: 'guest';
  /** `"<name> (guest)"`, or `"Guest"`. */
  name: string;
  /** A signed-in person's email; null for an anonymous guest. */
  email: string | null;
  auth_via: GuestAuthVia;
  /** The share link the guest came through; null for a public app's guest. */
  share_id: string | null;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
}
