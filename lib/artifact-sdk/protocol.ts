// The wire names both sides of the hand-off share (SPEC §3, §5, §9): the viewer page and the proxy
// import them from here, so the gateway and the SDK can never disagree.

/** The JWS `typ` of an app session token. */
export const TOKEN_TYPE = 'app-session+jwt';

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
