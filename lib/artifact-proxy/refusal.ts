import type { GatewayErrorCode, Refusal as GatewayRefusal } from '@/lib/gateway/errors';

/**
 * Why the proxy said no: a refusal of the one error table (lib/gateway/errors.ts), which may also
 * carry a `Set-Cookie` (the proxy's session cookie, cleared). Every step of a proxied request returns
 * one instead of throwing; `problem-response.ts` renders it, with the table's status, title and headers.
 */
export type Refusal = GatewayRefusal & { readonly setCookie?: string };

export function refusal(code: GatewayErrorCode, detail: string, more: Omit<Refusal, 'ok' | 'code' | 'detail'> = {}): Refusal {
  return { ok: false, code, detail, ...more };
}

// The proxy's refusals that read the same every time: made once.
export const NO_APP = refusal('not_found', 'No app is served on this host.');
export const NO_PROXY_ENDPOINT = refusal('not_found', 'No such proxy endpoint.');
export const INVALID_PATH = refusal('invalid_path', 'The path has a dot segment, an encoded slash or a backslash; it is not forwarded.');
export const UNSUPPORTED_UPGRADE = refusal('unsupported_upgrade', 'Only WebSocket upgrades are relayed.');
export const CROSS_SITE = refusal('cross_site', 'Only this app’s own pages can reach it with your identity: open it from App Gateway.');
export const MALFORMED_REQUEST = refusal('invalid_request', 'The request is malformed.');
export const GATEWAY_UNREACHABLE = refusal('unavailable', 'The gateway could not be reached. Try again shortly.', { retryAfterSeconds: 5 });
export const UNCHECKED_SESSION = refusal('unavailable', 'The app session could not be checked. Try again shortly.', { retryAfterSeconds: 5 });
export const UPSTREAM_UNREACHABLE = refusal('bad_gateway', 'The app’s server could not be reached.');
/** One answer, decided before connecting, whether or not anything listens there: the port's state never shows. */
export const UPSTREAM_NOT_ALLOWED = refusal(
  'upstream_not_allowed',
  'The artifact proxy may not connect to this app’s server: it is not allowed in ARTIFACT_PROXY_UPSTREAMS.',
);
