import type { GatewayErrorCode } from '@/lib/gateway/errors';
import { env } from '@/lib/config/env';

/** The one error table: code → status and title. Tests import it too. */
export const ERRORS: Record<GatewayErrorCode | 'internal', { status: number; title: string }> = {
  invalid_request: { status: 400, title: 'Invalid request' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  cross_origin: { status: 403, title: 'Cross-origin request refused' },
  forbidden: { status: 403, title: 'Forbidden' },
  org_mismatch: { status: 403, title: 'Acting in another organization' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  payload_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable' },
  internal: { status: 500, title: 'Internal error' },
};

export type ProblemCode = keyof typeof ERRORS;

/** The problem's `instance`: the request id as a URI, the same id as the `X-Request-Id` header and the access log. */
export const instanceOf = (requestId: string) => `urn:uuid:${requestId}`;

/**
 * An RFC 9457 problem response. `instance` comes last and has a fixed length, so two refusals
 * with the same code and detail differ only in that per-request id (the 404 promise of SPEC §2).
 */
export function problem(
  code: ProblemCode,
  detail: string,
  { extra = {}, headers = {}, requestId }: { extra?: Record<string, string>; headers?: Record<string, string>; requestId: string },
): Response {
  const { status, title } = ERRORS[code];
  const body = { type: `${env().APP_URL}/docs/errors#${code}`, title, status, detail, code, ...extra, instance: instanceOf(requestId) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}
