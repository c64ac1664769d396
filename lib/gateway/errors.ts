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

/** Marks an error whose denial the mint statement already wrote to the audit log. */
export const AUDITED = Symbol('audited');

/**
 * The one 401: no credentials, a bad, expired or revoked API token, a forged cookie, an ended or
 * expired session, a deleted user all get this same body, so a refusal tells nothing about why.
 */
export const unauthenticated = () => new GatewayError('unauthenticated', 'Sign in, or send Authorization: Bearer <api token>.');
