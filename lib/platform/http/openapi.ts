import { z } from 'zod';
import { env } from '@/lib/platform/config/env';
import { MintBody } from '@/lib/gateway/mint/mint-body';
import { Discovery, GuestMintBody, GuestMintResponse, Health, Jwks, MintResponse, OrgMismatchProblem, Problem, RevocationFeed } from './contract';
import { managementPaths, managementSecurityScheme } from './openapi-management';
import { scimPaths } from './openapi-scim';
import { appClientSecurityScheme, tokenPaths } from './openapi-token';
import { ERRORS } from './problem';

const schema = (s: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: 'input' }) as Record<string, unknown>;
  return rest;
};
const json = (s: z.ZodType, type = 'application/json') => ({ content: { [type]: { schema: schema(s) } } });
/** A problem response; `x-codes` lists the `code`s it can carry. */
const problem = (description: string, codes: string[], s: z.ZodType = Problem) => ({ description, 'x-codes': codes, ...json(s, 'application/problem+json') });
const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ description, schema });

/** Headers a refusal carries besides `Cache-Control: no-store` and `x-request-id`. */
const REFUSAL_HEADERS: Record<string, Record<string, ReturnType<typeof header>>> = {
  '401': {
    'WWW-Authenticate': header('`Bearer` without credentials; `Bearer error="invalid_token"` when a bearer token was sent and refused (RFC 6750 §3.1).', {
      enum: ['Bearer', 'Bearer error="invalid_token"'],
    }),
  },
  '405': { Allow: header('The one allowed method.', { const: 'POST' }) },
  '429': { 'Retry-After': header('Seconds until the next mint is allowed.', { type: 'integer', minimum: 1 }) },
  '503': { 'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', minimum: 1 }) },
};

/** The problem `code`s of each refusal status of the mint endpoint. */
const MINT_CODES: Record<string, string[]> = {
  '400': ['invalid_request'],
  '401': ['unauthenticated'],
  '403': ['cross_origin', 'org_mismatch', 'insufficient_scope', 'forbidden'],
  '404': ['not_found'],
  '405': ['method_not_allowed'],
  '413': ['payload_too_large'],
  '415': ['unsupported_media_type'],
  '429': ['rate_limited'],
  '503': ['unavailable'],
};

/** Statuses the mint endpoint answers, with when; every refusal is a problem body. */
export const MINT_STATUSES: Record<string, string> = {
  '400': 'Malformed body, unknown field, bad workflowId.',
  '401': 'No credentials; bad, expired or revoked session or API token; deleted user.',
  '403': 'Cross-origin cookie call (`cross_origin`), acting in another org (`org_mismatch`, with orgId and orgName), an API token made without the `mint` scope (`insufficient_scope`, with `WWW-Authenticate: Bearer error="insufficient_scope", scope="mint"`), or a service account\'s token, which never mints (`forbidden`).',
  '404': 'No such app, deleted, not a member, left out by the app’s access rule, or wrong workflow: one identical body.',
  '405': 'Any other method.',
  '413': 'Body over 4 KiB.',
  '415': 'Another content type than application/json (a body-less request without one counts as {}).',
  '429': 'Per-viewer rate limit; see Retry-After.',
  '503': 'Database or signing key unavailable; see Retry-After. Never a token.',
};

/** Statuses the guest mint answers, with when, and the problem `code`s of each refusal. */
const GUEST_MINT_STATUSES: Record<string, { when: string; codes: string[] }> = {
  '400': { when: 'A body other than {} (or not JSON).', codes: ['invalid_request'] },
  '401': { when: 'No guest cookie for this app, or its guest session is over: ended, expired, its link revoked or expired, the app no longer public, the org’s sharing switch down, the app deleted. One identical body.', codes: ['unauthenticated'] },
  '403': { when: 'Not from the gateway’s own pages (`Origin` or `Sec-Fetch-Site`).', codes: ['cross_origin'] },
  '405': { when: 'Any other method.', codes: ['method_not_allowed'] },
  '413': { when: 'Body over 4 KiB.', codes: ['payload_too_large'] },
  '415': { when: 'Another content type than application/json.', codes: ['unsupported_media_type'] },
  '429': { when: 'Per guest session rate limit (`RATE_LIMIT_MINTS_PER_MINUTE`); see Retry-After.', codes: ['rate_limited'] },
  '503': { when: 'Database or signing key unavailable; see Retry-After. Never a token.', codes: ['unavailable'] },
};

let built: { appUrl: string; doc: OpenApiDocument } | undefined;

/**
 * The OpenAPI 3.1 document, generated from the zod schemas that validate requests and shape responses.
 * Built once per served URL (it took ~8 ms of CPU per request to the reference pages) and frozen, so
 * no caller can change what the next one reads.
 */
export function openApiDocument(): OpenApiDocument {
  const { APP_URL } = env();
  if (built?.appUrl !== APP_URL) built = { appUrl: APP_URL, doc: deepFreeze(buildOpenApiDocument(APP_URL)) };
  return built.doc;
}

type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function buildOpenApiDocument(APP_URL: string) {
  const refusals = Object.fromEntries(
    Object.entries(MINT_STATUSES).map(([status, when]) => [
      status,
      {
        ...problem(when, MINT_CODES[status]!, status === '403' ? z.union([Problem, OrgMismatchProblem]) : Problem),
        ...(REFUSAL_HEADERS[status] ? { headers: REFUSAL_HEADERS[status] } : {}),
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'App Gateway',
      version: '1.0.0',
      description: 'Mint short-lived, signed, per-viewer tokens for AI-generated artifacts, publish the keys that verify them, and let the platform register its runs’ apps (the management API).',
    },
    servers: [{ url: APP_URL }],
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (`agw_…`), bound to one user and one org.' },
        session: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The browser session; calls must come from the gateway’s own origin.' },
        guestSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'agw_guest.{appId}',
          description: 'A guest session of one app (SPEC §15), set when someone outside the org opens a share link or a public app; its name carries the app id. Calls must come from the gateway’s own origin.',
        },
        managementToken: managementSecurityScheme,
        appClient: appClientSecurityScheme,
      },
    },
    paths: {
      '/v1/app-gateway/{appId}/session': {
        post: {
          operationId: 'mintAppSession',
          summary: 'Mint an app session token for the calling viewer',
          security: [{ apiToken: [] }, { session: [] }],
          parameters: [{ name: 'appId', in: 'path', required: true, schema: { type: 'string' }, example: 'run_acme_dashboard' }],
          requestBody: { required: false, ...json(MintBody) },
          responses: { '200': { description: 'Minted.', headers: { 'Cache-Control': { schema: { const: 'no-store' } } }, ...json(MintResponse) }, ...refusals },
        },
      },
      '/v1/app-gateway/{appId}/guest-session': {
        post: {
          operationId: 'mintGuestSession',
          summary: 'Mint a guest token for this browser’s guest session of the app',
          description:
            'The viewer page of a guest (someone outside the app’s org, let in by a share link or because the app is public) calls it with the app’s guest cookie; it renews every 15 s, so a revoked link shows the signed-out state within 30 s. Every mint is audited, naming the share link. The token (`typ: app-guest+jwt`) has no `org_id`, `org_role: "guest"`, `auth_via` (`share_link` or `public`), `share_id` for a link, a stable `gst_…` `sub` and no `email` for an anonymous guest (a signed-in person keeps their own), and a `name` of `"<name> (guest)"`.',
          security: [{ guestSession: [] }],
          parameters: [{ name: 'appId', in: 'path', required: true, schema: { type: 'string' }, example: 'run_acme_public' }],
          requestBody: { required: true, ...json(GuestMintBody) },
          responses: {
            '200': { description: 'Minted.', headers: { 'Cache-Control': { schema: { const: 'no-store' } } }, ...json(GuestMintResponse) },
            ...Object.fromEntries(
              Object.entries(GUEST_MINT_STATUSES).map(([status, { when, codes }]) => [
                status,
                { ...problem(when, codes), ...(REFUSAL_HEADERS[status] && status !== '401' ? { headers: REFUSAL_HEADERS[status] } : {}) },
              ]),
            ),
          },
        },
      },
      '/v1/app-gateway/revocations': {
        get: {
          operationId: 'getRevocations',
          summary: 'The revocation feed: sessions ended, API tokens revoked, users deleted, members removed or changed',
          description: 'Public and free of personal data; verifiers poll it (e.g. every 10 s) and refuse a token when an entry names all its claims and `iat` ≤ `at`. Entries are kept at least 3,660 s. A cursor never skips or repeats an entry.',
          security: [],
          parameters: [{ name: 'after', in: 'query', required: false, schema: { type: 'string', maxLength: 40 }, description: 'The `cursor` of the previous response; without it, every entry still kept.' }],
          responses: {
            '200': {
              description: 'Entries after the cursor, oldest first.',
              headers: { 'Cache-Control': header('Never cached.', { const: 'no-store' }), 'Access-Control-Allow-Origin': header('Any origin may read it.', { const: '*' }) },
              ...json(RevocationFeed),
            },
            '400': problem('`after` is not a cursor this feed returned, or was sent twice.', ['invalid_request']),
            '405': { ...problem('Any other method.', ['method_not_allowed']), headers: { Allow: header('The one allowed method.', { const: 'GET' }) } },
            '503': { ...problem('Database unavailable; see Retry-After.', ['unavailable']), headers: REFUSAL_HEADERS['503'] },
          },
        },
      },
      ...tokenPaths(problem('Any other method.', ['method_not_allowed'])),
      ...managementPaths(),
      ...scimPaths(),
      '/.well-known/jwks.json': {
        get: { operationId: 'getJwks', summary: 'Public keys that verify app session tokens', security: [], responses: { '200': { description: 'The key set.', ...json(Jwks) }, '503': problem('Keys not loaded yet.', ['unavailable']) } },
      },
      '/.well-known/app-gateway': {
        get: { operationId: 'getDiscovery', summary: 'Issuer, JWKS location, token type, algorithms and lifetime', security: [], responses: { '200': { description: 'The discovery document.', ...json(Discovery) } } },
      },
      '/healthz': {
        get: { operationId: 'getHealth', summary: 'Whether the database answers (the status), and the state of each part a mint depends on', security: [], responses: { '200': { description: 'Healthy.', ...json(Health) }, '503': { description: 'Database unavailable.', ...json(Health) } } },
      },
      '/v1/openapi.json': {
        get: { operationId: 'getOpenApi', summary: 'This document', security: [], responses: { '200': { description: 'OpenAPI 3.1.' } } },
      },
    },
    'x-error-codes': Object.fromEntries(Object.entries(ERRORS).map(([code, { status, title, hint }]) => [code, { status, title, hint }])),
  };
}
