import { ERRORS, oauthErrorOf, problemExtra, problemHeaders, scimErrorOf, type ProblemCode, type Refusal } from '@/lib/gateway/errors';
import { scimError } from './scim-response';
import { env } from '@/lib/platform/config/env';

export { ERRORS, type ProblemCode };

/** The problem's `instance`: the request id as a URI, the same id as the `X-Request-Id` header and the access log. */
const instanceOf = (requestId: string) => `urn:uuid:${requestId}`;

/**
 * An RFC 9457 problem response; its status and title are the table's, never the caller's. `instance` comes last and has a fixed length, so two refusals
 * with the same code and detail differ only in that per-request id (the 404 promise of SPEC §2).
 */
export function problem(
  code: ProblemCode,
  detail: string,
  { extra = {}, headers = {}, requestId }: { extra?: Readonly<Record<string, unknown>>; headers?: Record<string, string>; requestId: string },
): Response {
  const { status, title } = ERRORS[code];
  const oauthError = oauthErrorOf(code);
  if (oauthError) return oauthErrorResponse(code, oauthError, detail, headers);
  const scim = scimErrorOf(code);
  if (scim) return scimError(status, scim.scimType, detail, headers);
  const body = { type: `${env().APP_URL}/docs/errors#${code}`, title, status, detail, code, ...extra, instance: instanceOf(requestId) };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * The token endpoint's refusals (RFC 6749 §5.2): `error`, `error_description` and `error_uri` (the
 * code's row on the error page), `Cache-Control: no-store` and `Pragma: no-cache` as for its answers.
 */
function oauthErrorResponse(code: ProblemCode, error: string, description: string, headers: Record<string, string>): Response {
  const body = { error, error_description: oauthText(description), error_uri: `${env().APP_URL}/docs/errors#${code}` };
  return new Response(JSON.stringify(body), {
    status: ERRORS[code].status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache', ...headers },
  });
}

/** RFC 6749 §5.2 allows printable ASCII but `"` and backslash in `error_description`. */
const oauthText = (text: string) => text.replace(/[‘’]/g, "'").replace(/[“”"]/g, "'").replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');

/** The Next.js transport's renderer of a refusal: problem+json (the token endpoint's codes: RFC 6749 errors; SCIM's: RFC 7644 errors) with the headers its code carries. */
export const refusalResponse = (r: Refusal, requestId: string): Response =>
  problem(r.code, r.detail, { extra: problemExtra(r), headers: problemHeaders(r), requestId });
