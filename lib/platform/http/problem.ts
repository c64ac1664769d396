import { ERRORS, type ProblemCode } from '@/lib/gateway/errors';
import { env } from '@/lib/platform/config/env';

export { ERRORS, type ProblemCode };

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
