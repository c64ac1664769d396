/**
 * The one table of refusals: per code, its HTTP status, the problem's title, a hint in plain words
 * (shown by the console's test mint and the API reference's try-it) and any header it carries.
 * Every transport renders a refusal from it: the Next.js funnel (lib/platform/http/route.ts), the
 * artifact proxy's node:http replies, the CLI; the OpenAPI document and the tests read it too.
 * Browser-safe.
 */
export const ERRORS = {
  invalid_request: {
    status: 400,
    title: 'Invalid request',
    hint: 'The request was not accepted: the mint’s body must be {} or {"workflowId": "<the run’s workflow>"}, as JSON; elsewhere, a body that is not JSON or a malformed query parameter (limit, cursor).',
  },
  unauthenticated: {
    status: 401,
    title: 'Authentication required',
    hint: 'The gateway did not recognise you: your session has ended, or the API token is wrong, expired or revoked. Sign in again.',
  },
  cross_origin: { status: 403, title: 'Cross-origin request refused', hint: 'The gateway refused a cookie-authenticated call that did not come from its own pages.' },
  forbidden: { status: 403, title: 'Forbidden', hint: 'Your role in this organization does not allow this.' },
  insufficient_scope: {
    status: 403,
    title: 'Insufficient scope',
    hint: 'The token lacks the scope this call needs (named in WWW-Authenticate and `scope`). A service-account token never mints; an API token’s management scopes work only while its person is an admin of the org.',
  },
  org_mismatch: {
    status: 403,
    title: 'Acting in another organization',
    hint: 'You are a member of this app’s organization but acting in another one. Switch organization in the header, then try again.',
  },
  not_found: {
    status: 404,
    title: 'Not found',
    hint: 'No token: the app does not exist, was deleted, you are not a member of its organization, or its access rule leaves you out. The gateway gives the same answer in every case, so nobody can probe other organizations’ apps.',
  },
  method_not_allowed: { status: 405, title: 'Method not allowed', hint: 'The endpoint only accepts the methods its Allow header names.' },
  conflict: {
    status: 409,
    title: 'Conflict',
    hint: 'The change does not fit what is there now: it was already made, or another change has to come first. Look at the current state, then try again.',
  },
  id_taken: { status: 409, title: 'Id taken', hint: 'Ids are unique across the gateway, and an id once used is never used again: choose another id.' },
  origin_taken: {
    status: 409,
    title: 'Origin taken',
    hint: 'Another app already uses this artifact URL’s origin. Each app needs its own origin (its own host name), because artifacts on one origin can read each other’s tokens.',
  },
  sharing_disabled: { status: 409, title: 'Sharing disabled', hint: 'The organization’s sharing switch does not allow this (public apps need external_sharing links_and_public).' },
  payload_too_large: { status: 413, title: 'Request body too large', hint: 'The request body is over the endpoint’s limit: 4 KiB for the mint, 64 KiB for the management API.' },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    hint: 'The request must be sent as application/json (a PATCH as application/merge-patch+json).',
  },
  validation_failed: { status: 422, title: 'Invalid fields', hint: 'Some fields are missing or invalid; `errors` names each one (a JSON Pointer into the body) and says why. Nothing was saved.' },
  rate_limited: { status: 429, title: 'Too many requests', hint: 'Too many tokens were minted for this app in the last minute. Wait for the Retry-After time, then try again.' },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    hint: 'The database or the signing key is unavailable. The gateway fails closed: it hands out no token until it can sign safely. Retry after a moment.',
  },
  // Answered by the artifact proxy only (SPEC §11), never by the gateway's API: see ARTIFACT_PROXY_CODES.
  invalid_path: {
    status: 400,
    title: 'Invalid path',
    hint: 'The artifact proxy forwards no path with a dot segment, an encoded slash or a backslash: such a path could climb out of the app’s base path at its server.',
  },
  unsupported_upgrade: { status: 400, title: 'Unsupported upgrade', hint: 'The artifact proxy relays WebSocket upgrades only (a GET with Upgrade: websocket).' },
  cross_site: {
    status: 403,
    title: 'Cross-site request refused',
    hint: 'The artifact proxy passes the viewer’s identity only on requests the app’s own pages make (Sec-Fetch-Site: same-origin; for a WebSocket, Origin equal to the app’s origin). Open the app from App Gateway.',
  },
  bad_gateway: { status: 502, title: 'Bad gateway', hint: 'The artifact proxy could not reach the app’s server, or it failed mid-answer. Retry after a moment; if it lasts, the app’s server is down.' },
  upstream_not_allowed: {
    status: 502,
    title: 'Bad gateway',
    hint: 'The artifact proxy may not connect to this app’s server: the operator has not allowed it in ARTIFACT_PROXY_UPSTREAMS. The answer is the same whether or not anything listens there.',
  },
  // The token endpoint's refusals (SPEC §17): rendered as RFC 6749 §5.2 JSON, `{ "error": <oauthError>,
  // "error_description", "error_uri" }`, not as problems; see TOKEN_ENDPOINT_CODES.
  token_invalid_request: {
    status: 400,
    title: 'Invalid token request',
    hint: 'The token request is malformed: send application/x-www-form-urlencoded with grant_type, subject_token, subject_token_type, one audience and scope, each once.',
    oauthError: 'invalid_request',
  },
  invalid_client: {
    status: 401,
    title: 'Invalid client',
    hint: 'The app’s client authentication failed: send HTTP Basic with the app id as client_id and a live client secret (agw_cs_…) of that app.',
    oauthError: 'invalid_client',
  },
  invalid_grant: {
    status: 400,
    title: 'Invalid subject token',
    hint: 'The subject token is not a valid, unexpired, unrevoked app session token of this app, or its viewer may no longer open the app.',
    oauthError: 'invalid_grant',
  },
  invalid_target: { status: 400, title: 'Invalid target', hint: 'Name exactly one registered resource as the audience.', oauthError: 'invalid_target' },
  invalid_scope: { status: 400, title: 'Invalid scope', hint: 'Ask for at least one scope, each allowed to this app on the resource.', oauthError: 'invalid_scope' },
  unsupported_grant_type: {
    status: 400,
    title: 'Unsupported grant type',
    hint: 'The token endpoint answers only urn:ietf:params:oauth:grant-type:token-exchange.',
    oauthError: 'unsupported_grant_type',
  },
  token_rate_limited: {
    status: 429,
    title: 'Too many token requests',
    hint: 'This app exchanged too many tokens in the last minute. Wait for the Retry-After time, then try again.',
    oauthError: 'temporarily_unavailable',
  },
  token_unavailable: {
    status: 503,
    title: 'Token endpoint unavailable',
    hint: 'The database or the signing key is unavailable; no token is issued until the gateway can sign safely. Retry after a moment.',
    oauthError: 'temporarily_unavailable',
  },
  // SCIM's refusals (SPEC §18): rendered as RFC 7644 §3.12 errors, `{ "schemas": [Error], "status": "<status>",
  // "scimType"?, "detail" }`, not as problems; see SCIM_CODES. `scimType` null: a status RFC 7644 gives no type.
  scim_invalid_syntax: { status: 400, title: 'Invalid SCIM request', hint: 'The SCIM request body is not JSON, or not the resource or PatchOp it must be.', scimType: 'invalidSyntax' },
  scim_invalid_filter: {
    status: 400,
    title: 'Invalid filter',
    hint: 'SCIM filters here are `userName eq "…"` (Users), `displayName eq "…"` (Users, Groups) and `externalId eq "…"`, one comparison, the value a JSON string.',
    scimType: 'invalidFilter',
  },
  scim_invalid_value: {
    status: 400,
    title: 'Invalid value',
    hint: 'A value is missing or not allowed: a userName must be an email at a domain the platform admin verified for this org; a group’s members must be members of the org.',
    scimType: 'invalidValue',
  },
  scim_invalid_path: { status: 400, title: 'Invalid path', hint: 'A PATCH operation’s path names no attribute this resource has, or one it cannot change.', scimType: 'invalidPath' },
  scim_no_target: { status: 400, title: 'No target', hint: 'A PATCH operation’s path filter matched nothing to change.', scimType: 'noTarget' },
  scim_mutability: { status: 400, title: 'Attribute not changeable', hint: 'The attribute cannot be changed: a userName only for accounts this org’s SCIM client created; ids never.', scimType: 'mutability' },
  scim_uniqueness: { status: 409, title: 'Already exists', hint: 'The org already has a user with this userName, or a group with this displayName.', scimType: 'uniqueness' },
  scim_unauthorized: { status: 401, title: 'Authentication required', hint: 'Send Authorization: Bearer <service-account token with the scope scim>.', scimType: null },
  scim_forbidden: { status: 403, title: 'Forbidden', hint: 'The token is not a service-account token of this org with the scope scim.', scimType: null },
  scim_not_found: { status: 404, title: 'Not found', hint: 'No such user or group in this org’s SCIM directory.', scimType: null },
  scim_payload_too_large: { status: 413, title: 'Request body too large', hint: 'A SCIM request body is at most 1 MiB.', scimType: null },
  scim_unavailable: { status: 503, title: 'Service unavailable', hint: 'The database is not answering. Retry after a moment.', scimType: null },
  internal: { status: 500, title: 'Internal error', hint: 'Something went wrong inside the gateway. The response carries a request id to look up in the server log.' },
} as const satisfies Record<string, { status: number; title: string; hint: string; oauthError?: string; scimType?: string | null }>;

export type ProblemCode = keyof typeof ERRORS;

/** The codes only the artifact proxy answers (its own refusals); every other code is the gateway API's. */
export const ARTIFACT_PROXY_CODES: readonly ProblemCode[] = ['invalid_path', 'unsupported_upgrade', 'cross_site', 'bad_gateway', 'upstream_not_allowed'];

/** The token endpoint's codes (SPEC §17): each is answered as an RFC 6749 §5.2 error, never a problem. */
export const TOKEN_ENDPOINT_CODES: readonly ProblemCode[] = [
  'token_invalid_request',
  'invalid_client',
  'invalid_grant',
  'invalid_target',
  'invalid_scope',
  'unsupported_grant_type',
  'token_rate_limited',
  'token_unavailable',
];

/** The RFC 6749 `error` a code is answered with, or null for a problem+json code. */
export const oauthErrorOf = (code: ProblemCode): string | null => {
  const row = ERRORS[code];
  return 'oauthError' in row ? row.oauthError : null;
};

/** SCIM's codes (SPEC §18): each is answered as an RFC 7644 §3.12 error, never a problem. */
export const SCIM_CODES: readonly ProblemCode[] = [
  'scim_invalid_syntax',
  'scim_invalid_filter',
  'scim_invalid_value',
  'scim_invalid_path',
  'scim_no_target',
  'scim_mutability',
  'scim_uniqueness',
  'scim_unauthorized',
  'scim_forbidden',
  'scim_not_found',
  'scim_payload_too_large',
  'scim_unavailable',
];

/** Whether a code is answered as a SCIM error, and its RFC 7644 `scimType` (null: none for that status). */
export const scimErrorOf = (code: ProblemCode): { scimType: string | null } | null => {
  const row = ERRORS[code];
  return 'scimType' in row ? { scimType: row.scimType } : null;
};

/** The codes only the management API answers (SPEC §14), never the mint. */
export const MANAGEMENT_CODES: readonly ProblemCode[] = ['insufficient_scope', 'conflict', 'id_taken', 'origin_taken', 'sharing_disabled', 'validation_failed'];

/** Every way a gateway call can be refused (everything in the table but the generic 500). */
export type GatewayErrorCode = Exclude<ProblemCode, 'internal'>;

/** A refusal's plain-words hint; unknown codes (e.g. a network failure in the browser) get a generic one. */
export const hintFor = (code: string): string =>
  Object.hasOwn(ERRORS, code) ? ERRORS[code as ProblemCode].hint : code === 'network' ? 'The gateway could not be reached from this browser.' : 'The gateway refused the request.';

/**
 * Why a use case said no: a code of the table and what the caller is told. A use case (the mint, an
 * admin action, …) returns its result or a Refusal; each transport renders it (problem+json in the
 * Next.js funnel, a message and an exit code in the CLI).
 */
export type Refusal = {
  readonly ok: false;
  readonly code: GatewayErrorCode;
  readonly detail: string;
  /** Extra members for the problem body, e.g. orgId/orgName for org_mismatch, `errors` for validation_failed; for method_not_allowed, `allow` (a header, not a member). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Seconds the caller should wait, for rate_limited and unavailable. */
  readonly retryAfterSeconds?: number;
  /** RFC 6750 §3.1: a bearer token was presented and refused (`WWW-Authenticate: Bearer error="invalid_token"`). */
  readonly invalidToken?: boolean;
};

/** What a use case answers: its outcome (`ok: true` and what it made), or why not. */
export type Result<T extends object = object> = ({ readonly ok: true } & T) | Refusal;

/** What an accepted result made, without its `ok` (the body a transport answers with). */
export function madeBy<T extends object>(result: { readonly ok: true } & T): Omit<T, 'ok'> {
  const { ok: _ok, ...made } = result;
  return made;
}

export function refusal(code: GatewayErrorCode, detail: string, more: Omit<Refusal, 'ok' | 'code' | 'detail'> = {}): Refusal {
  return { ok: false, code, detail, ...more };
}

/**
 * A refusal thrown instead of returned: the Next.js funnel and the CLI render it like a returned one.
 * For a step deep inside a handler (a guard clause, a parser) where returning would mean threading a
 * value through; use cases return theirs.
 */
export class GatewayError extends Error {
  override name = 'GatewayError';
  readonly refusal: Refusal;
  constructor(code: GatewayErrorCode | Refusal, detail = '', extra: Record<string, unknown> = {}, retryAfterSeconds?: number) {
    const r = typeof code === 'string' ? refusal(code, detail, { extra, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) }) : code;
    super(r.detail);
    this.refusal = r;
  }
  get code(): GatewayErrorCode {
    return this.refusal.code;
  }
  get detail(): string {
    return this.refusal.detail;
  }
  get extra(): Readonly<Record<string, unknown>> {
    return this.refusal.extra ?? {};
  }
  get retryAfterSeconds(): number | undefined {
    return this.refusal.retryAfterSeconds;
  }
}

const refusalOf = (r: Refusal | GatewayError): Refusal => (r instanceof GatewayError ? r.refusal : r);

/** The headers a refusal carries, from its code and its details. */
export function problemHeaders(refused: Refusal | GatewayError): Record<string, string> {
  const r = refusalOf(refused);
  const headers: Record<string, string> = {};
  if (r.retryAfterSeconds !== undefined) headers['retry-after'] = String(r.retryAfterSeconds);
  if (r.code === 'unauthenticated') headers['www-authenticate'] = r.invalidToken ? 'Bearer error="invalid_token"' : 'Bearer';
  // RFC 6750 §3: the scope the call needs, as a space-separated list of scope tokens.
  if (r.code === 'insufficient_scope') headers['www-authenticate'] = `Bearer error="insufficient_scope", scope="${String(r.extra?.scope ?? '')}"`;
  if (r.code === 'method_not_allowed') headers.allow = typeof r.extra?.allow === 'string' ? r.extra.allow : 'POST';
  // RFC 6749 §5.2: a failed client authentication names the scheme the token endpoint takes.
  if (r.code === 'scim_unauthorized') headers['www-authenticate'] = 'Bearer realm="SCIM"';
  if (r.code === 'invalid_client') headers['www-authenticate'] = 'Basic realm="App Gateway", charset="UTF-8"';
  return headers;
}

/** The members of a refusal's problem body beyond the standard ones (what goes in a header stays out). */
export function problemExtra(refused: Refusal | GatewayError): Readonly<Record<string, unknown>> {
  const r = refusalOf(refused);
  return r.code === 'method_not_allowed' ? {} : (r.extra ?? {});
}

/**
 * The one 401: no credentials, a bad, expired or revoked API token, a forged cookie, an ended or
 * expired session, a deleted user all get this same body, so a refusal tells nothing about why.
 */
const UNAUTHENTICATED = 'Sign in, or send Authorization: Bearer <api token>.';
export const unauthenticated = (): Refusal => refusal('unauthenticated', UNAUTHENTICATED);
/** The same 401 for a bearer token that was presented and refused (its header adds `error="invalid_token"`). */
export const invalidApiToken = (): Refusal => refusal('unauthenticated', UNAUTHENTICATED, { invalidToken: true });

/** The 503: the database or the signing key is unavailable; try again in 5 seconds. */
export const unavailable = (detail: string): Refusal => refusal('unavailable', detail, { retryAfterSeconds: 5 });

/** RFC 6750 `insufficient_scope`: the token is good, but the call needs `scope`. */
export const insufficientScope = (scope: string, detail = `This call needs the scope ${scope}.`): Refusal => refusal('insufficient_scope', detail, { extra: { scope } });

/** One field the caller must fix: RFC 9457's `errors` extension (a JSON Pointer into the body, and why). */
export type FieldError = { pointer: string; detail: string };

/** A 422 naming every bad field at once; nothing was saved. */
export const validationFailed = (errors: FieldError[]): Refusal =>
  refusal('validation_failed', `${errors.length === 1 ? 'One field is' : `${errors.length} fields are`} missing or invalid; nothing was saved.`, { extra: { errors } });
