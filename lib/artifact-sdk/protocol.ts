// The wire names both sides of the hand-off share (SPEC §3, §5, §9): the viewer page and the proxy
// import them from here, so the gateway and the SDK can never disagree.

/** The JWS `typ` of an app session token. */
export const TOKEN_TYPE = 'app-session+jwt';

/** The JWS `typ` of a guest token (SPEC §15): its own type, so a verifier written for members refuses it. */
export const GUEST_TOKEN_TYPE = 'app-guest+jwt';

/** `postMessage` types between the viewer (the gateway's page) and the artifact in its iframe. */
export const MESSAGE = {
  /** artifact → viewer: the artifact is listening. */
  ready: 'app-gateway:ready',
  /** artifact → viewer: please send a fresh token. */
  tokenRequest: 'app-gateway:token-request',
  /** artifact → viewer: something failed; `code` and `message` say what. */
  error: 'app-gateway:error',
  /** viewer → artifact: a token, with `exp` and `expires_in`. */
  token: 'app-gateway:token',
  /** viewer → artifact: the viewer's session ended; drop who it was. */
  sessionEnded: 'app-gateway:session-ended',
} as const;

/** Longer than any app session token: refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8 * 1024;

/** Three base64url parts separated by dots (the signature may be empty only to be refused later). */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Header parameters that would make a verifier fetch or trust key material named by the token itself. */
export const FORBIDDEN_HEADERS = ['jku', 'jwk', 'x5u', 'x5c', 'crit'] as const;

// Token exchange (SPEC §17: RFC 8693, RFC 9068).

/** The JWS `typ` of an access token the gateway issues for a resource (RFC 9068 §2.1). */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** The token endpoint's grant type (RFC 8693 §2.1). */
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** `subject_token_type` of an app session token (RFC 8693 §3). */
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';

/** `issued_token_type` of what the exchange answers (RFC 8693 §3). */
export const ACCESS_TOKEN_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
