export const ARTIFACT_TOKEN_ERROR_CODES = [
  'token_missing',
  'token_malformed',
  'token_expired',
  'token_not_yet_valid',
  'bad_signature',
  'wrong_algorithm',
  'wrong_type',
  'wrong_issuer',
  'wrong_audience',
  'unknown_key',
  'missing_claim',
  'forbidden_header',
  'jwks_unavailable',
  'token_revoked',
  'revocations_unavailable',
  'insufficient_scope',
] as const;

export type ArtifactTokenErrorCode = (typeof ARTIFACT_TOKEN_ERROR_CODES)[number];

const MESSAGES: Record<ArtifactTokenErrorCode, string> = {
  token_missing: 'No app session token was presented.',
  token_malformed: 'The app session token is not a well-formed compact JWT.',
  token_expired: 'The app session token has expired.',
  token_not_yet_valid: 'The app session token is not valid yet.',
  bad_signature: 'The app session token signature does not verify.',
  wrong_algorithm: 'The app session token is not signed with ES256.',
  wrong_type: 'The token is not an app session token (typ app-session+jwt).',
  wrong_issuer: 'The app session token was issued by another issuer.',
  wrong_audience: 'The app session token was issued for another app.',
  unknown_key: 'The app session token was signed by a key the gateway does not publish.',
  missing_claim: 'The app session token lacks a required claim.',
  forbidden_header: 'The app session token header names a key or extension it must not.',
  jwks_unavailable: "The gateway's public keys could not be fetched.",
  token_revoked: 'The app session token was revoked: the viewer signed out or lost access.',
  revocations_unavailable: "The gateway's revocation feed could not be read recently enough to trust a token.",
  insufficient_scope: 'The access token lacks a scope this resource requires.',
};

/** What the access-token verifier says where the words differ (SPEC §17: typ at+jwt, aud = the resource). */
const ACCESS_TOKEN_MESSAGES: Partial<Record<ArtifactTokenErrorCode, string>> = {
  wrong_type: 'The token is not an access token (typ at+jwt).',
  wrong_audience: 'The access token was issued for another resource.',
  token_revoked: 'The access token was revoked: the viewer signed out or lost access, or the app lost its credential or allowance.',
};

const messageFor = (code: ArtifactTokenErrorCode, token: 'app_session' | 'access') =>
  token === 'access' ? (ACCESS_TOKEN_MESSAGES[code] ?? MESSAGES[code].replace('app session token', 'access token')) : MESSAGES[code];

/** Every verification failure; branch on `code`, which is stable. The message never contains the token. */
export class ArtifactTokenError extends Error {
  override name = 'ArtifactTokenError';
  readonly code: ArtifactTokenErrorCode;

  constructor(code: ArtifactTokenErrorCode, options?: { cause?: unknown; token?: 'app_session' | 'access' }) {
    super(messageFor(code, options?.token ?? 'app_session'), options);
    this.code = code;
  }
}

export function isArtifactTokenError(value: unknown): value is ArtifactTokenError {
  return value instanceof ArtifactTokenError;
}
