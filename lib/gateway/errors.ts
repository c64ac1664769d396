/** Every way a mint or a gateway call can be refused; lib/http/problem.ts maps each to a status. */
export type GatewayErrorCode =
  | 'invalid_request'
  | 'unauthenticated'
  | 'cross_origin'
  | 'forbidden'
  | 'org_mismatch'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable';

export class GatewayError extends Error {
  override name = 'GatewayError';
  constructor(
    readonly code: GatewayErrorCode,
    readonly detail: string,
    /** Extra members for the problem body, e.g. orgId/orgName for org_mismatch. */
    readonly extra: Record<string, string> = {},
    /** Seconds the caller should wait, for rate_limited and unavailable. */
    readonly retryAfterSeconds?: number,
  ) {
    super(detail);
  }
}

/**
 * `unauthenticated` because the bearer token presented is malformed, unknown, expired or revoked
 * (RFC 6750 §3.1 `invalid_token`), as opposed to no credentials at all.
 */
export class InvalidTokenError extends GatewayError {
  override name = 'InvalidTokenError';
  constructor(detail: string) {
    super('unauthenticated', detail);
  }
}
