import { ACCESS_TOKEN_TOKEN_TYPE, JWT_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '@/lib/artifact-sdk/protocol';
import { TOKEN_ENDPOINT_CODES, oauthErrorOf, type ProblemCode } from '@/lib/gateway/errors';

// The token endpoint's part of the OpenAPI document (SPEC §17, RFC 8693), merged into it by openapi.ts.
// Its refusals are RFC 6749 §5.2 errors, not problems: `x-codes` still names the table's codes.

const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({ description, schema });
const noStore = { 'Cache-Control': header('Never cached.', { const: 'no-store' }), Pragma: header('HTTP/1.0 caches too.', { const: 'no-cache' }) };

/** RFC 8693 §2.1's request, as this endpoint takes it. */
const TokenRequestSchema = {
  type: 'object',
  required: ['grant_type', 'subject_token', 'subject_token_type', 'audience', 'scope'],
  properties: {
    grant_type: { const: TOKEN_EXCHANGE_GRANT },
    subject_token: { type: 'string', description: 'The viewer’s app session token, as the app received it (its `aud` is this app, the client).' },
    subject_token_type: { const: JWT_TOKEN_TYPE },
    audience: { type: 'string', description: 'The resource’s id (exactly one; `resource` is refused with `invalid_target`).', example: 'platform-api' },
    scope: { type: 'string', description: 'Space-separated scopes, each allowed to this app on the resource.', example: 'runs:read' },
    requested_token_type: { const: ACCESS_TOKEN_TOKEN_TYPE, description: 'Optional; the only type issued.' },
    client_id: { type: 'string', description: 'Optional; if sent, the authenticated app’s id.' },
  },
  additionalProperties: true,
};

/** RFC 8693 §2.2.1's answer. */
const TokenResponseSchema = {
  type: 'object',
  required: ['access_token', 'issued_token_type', 'token_type', 'expires_in', 'scope'],
  properties: {
    access_token: { type: 'string', description: 'An ES256 JWT access token (`typ: at+jwt`, RFC 9068): `aud` the resource, `sub` the viewer, `act.sub` and `client_id` the app, `scope`, `sid`; verify it against /.well-known/jwks.json.' },
    issued_token_type: { const: ACCESS_TOKEN_TOKEN_TYPE },
    token_type: { const: 'Bearer' },
    expires_in: { type: 'integer', minimum: 1, description: 'Seconds; never past the subject token’s own expiry.' },
    scope: { type: 'string' },
  },
  additionalProperties: false,
};

/** RFC 6749 §5.2's error body. */
const OAuthErrorSchema = {
  type: 'object',
  required: ['error', 'error_description', 'error_uri'],
  properties: {
    error: { type: 'string', enum: [...new Set(TOKEN_ENDPOINT_CODES.map((c) => oauthErrorOf(c)!))] },
    error_description: { type: 'string' },
    error_uri: { type: 'string', format: 'uri', description: 'The code’s row on /docs/errors.' },
  },
  additionalProperties: false,
};

const oauthError = (description: string, codes: ProblemCode[], headers: Record<string, unknown> = {}) => ({
  description,
  'x-codes': codes,
  headers: { ...noStore, ...headers },
  content: { 'application/json': { schema: OAuthErrorSchema } },
});

/** HTTP Basic client authentication (RFC 6749 §2.3.1): the app id and one of its client secrets. */
export const appClientSecurityScheme = {
  type: 'http',
  scheme: 'basic',
  description: 'The app’s id as the user name and a live client secret of that app (`agw_cs_…`, made by an org admin) as the password, each form-urlencoded as RFC 6749 §2.3.1 asks.',
};

/** The token endpoint's path; `methodNotAllowed` is the document's own 405 problem (the one refusal of it that is not RFC 6749's). */
export function tokenPaths(methodNotAllowed: Record<string, unknown>) {
  const retryAfter = { 'Retry-After': header('Seconds to wait before retrying.', { type: 'integer', minimum: 1 }) };
  return {
    '/.well-known/oauth-authorization-server': {
      get: {
        operationId: 'getAuthorizationServerMetadata',
        summary: 'OAuth 2.0 authorization server metadata (RFC 8414): the token endpoint, its grant and client authentication',
        security: [],
        responses: {
          '200': {
            description: 'The metadata; cached for 600 s, readable from any origin.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['issuer', 'token_endpoint', 'jwks_uri', 'grant_types_supported', 'token_endpoint_auth_methods_supported'],
                  properties: {
                    issuer: { type: 'string', format: 'uri' },
                    token_endpoint: { type: 'string', format: 'uri' },
                    jwks_uri: { type: 'string', format: 'uri' },
                    grant_types_supported: { type: 'array', items: { const: TOKEN_EXCHANGE_GRANT } },
                    token_endpoint_auth_methods_supported: { type: 'array', items: { const: 'client_secret_basic' } },
                  },
                  additionalProperties: false,
                },
              },
            },
          },
        },
      },
    },
    '/v1/app-gateway/token': {
      post: {
        operationId: 'exchangeToken',
        summary: 'Token exchange (RFC 8693): trade the viewer’s app session token for an access token to a resource',
        description:
          'An app’s backend, authenticated as the app, asks for an access token that lets it call a resource (the platform’s API) as its viewer, with scopes the app is allowed there. The subject token is verified as the SDK verifies it (signature, `aud` this app, expiry, revocations) and the viewer must still be allowed to open the app. Every request is audited. Discovery: /.well-known/oauth-authorization-server.',
        security: [{ appClient: [] }],
        requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: TokenRequestSchema } } },
        responses: {
          '200': { description: 'Issued.', headers: noStore, content: { 'application/json': { schema: TokenResponseSchema } } },
          '400': oauthError(
            'A malformed request (`invalid_request`: a missing or repeated parameter, not a form, over 16 KiB), another grant (`unsupported_grant_type`), a subject token that is not a live app session token of this app or whose viewer may no longer open it (`invalid_grant`), not exactly one registered resource (`invalid_target`), or a scope not allowed (`invalid_scope`).',
            ['token_invalid_request', 'unsupported_grant_type', 'invalid_grant', 'invalid_target', 'invalid_scope'],
          ),
          '401': oauthError('No HTTP Basic credentials, or not an app and a live client secret of it (`invalid_client`).', ['invalid_client'], {
            'WWW-Authenticate': header('RFC 6749 §5.2.', { const: 'Basic realm="App Gateway", charset="UTF-8"' }),
          }),
          '405': { ...methodNotAllowed, headers: { Allow: header('The one allowed method.', { const: 'POST' }) } },
          '429': oauthError('Too many exchanges for this app in the last minute (`temporarily_unavailable`); see Retry-After.', ['token_rate_limited'], retryAfter),
          '503': oauthError('The database or the signing key is unavailable (`temporarily_unavailable`); see Retry-After. Never a token.', ['token_unavailable'], retryAfter),
        },
      },
    },
  };
}
