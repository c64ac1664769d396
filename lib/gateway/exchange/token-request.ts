import { ACCESS_TOKEN_TOKEN_TYPE, JWT_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from '@/lib/artifact-sdk/protocol';
import { isResourceId, parseScopeParameter } from './names';

/** A token exchange request as RFC 8693 §2.1 names its parameters, checked for form but nothing else. */
type TokenRequest = { subjectToken: string; resource: string; scopes: string[] };

/** The refusal codes a request's form can earn (rows of the error table). */
type RequestRefusalCode = 'token_invalid_request' | 'unsupported_grant_type' | 'invalid_target' | 'invalid_scope';

export type ParsedTokenRequest = { ok: true; request: TokenRequest } | { ok: false; code: RequestRefusalCode; detail: string };

// RFC 6749 §3.2: no parameter may be sent twice (RFC 8693 allows several `audience`s; SPEC §17 wants one).
const SINGLE = ['grant_type', 'subject_token', 'subject_token_type', 'scope', 'requested_token_type', 'client_id'] as const;
// Parameters of RFC 8693 this endpoint does not take, and client authentication in the body (RFC 6749 §2.3.1: one method).
const NOT_TAKEN: Record<string, string> = {
  actor_token: 'actor_token is not supported: the app acts for the viewer as itself (act.sub).',
  actor_token_type: 'actor_token_type is not supported.',
  client_secret: 'Authenticate with HTTP Basic only, not client_secret in the body.',
};

const refuse = (code: RequestRefusalCode, detail: string): ParsedTokenRequest => ({ ok: false, code, detail });

/** Checks a token request's parameters, in the order a client would fix them. */
export function parseTokenRequest(params: URLSearchParams, clientId: string): ParsedTokenRequest {
  for (const name of SINGLE) if (params.getAll(name).length > 1) return refuse('token_invalid_request', `${name} was sent more than once.`);
  const grantType = params.get('grant_type');
  if (!grantType) return refuse('token_invalid_request', 'grant_type is missing.');
  if (grantType !== TOKEN_EXCHANGE_GRANT) return refuse('unsupported_grant_type', `Only grant_type=${TOKEN_EXCHANGE_GRANT} is supported.`);
  for (const [name, detail] of Object.entries(NOT_TAKEN)) if (params.get(name)) return refuse('token_invalid_request', detail);
  const bodyClientId = params.get('client_id');
  if (bodyClientId !== null && bodyClientId !== clientId) return refuse('token_invalid_request', 'client_id in the body differs from the authenticated client.');
  const subjectToken = params.get('subject_token');
  if (!subjectToken) return refuse('token_invalid_request', 'subject_token is missing.');
  const subjectTokenType = params.get('subject_token_type');
  if (!subjectTokenType) return refuse('token_invalid_request', 'subject_token_type is missing.');
  if (subjectTokenType !== JWT_TOKEN_TYPE) return refuse('token_invalid_request', `subject_token_type must be ${JWT_TOKEN_TYPE} (an app session token).`);
  const requested = params.get('requested_token_type');
  if (requested !== null && requested !== ACCESS_TOKEN_TOKEN_TYPE) return refuse('token_invalid_request', `requested_token_type can only be ${ACCESS_TOKEN_TOKEN_TYPE}.`);
  // RFC 6749 §3.1: a parameter sent without a value counts as omitted.
  if (params.get('resource')) return refuse('invalid_target', 'Name the resource with audience=<resource id>, not resource.');
  const audiences = params.getAll('audience').filter(Boolean);
  if (audiences.length === 0) return refuse('token_invalid_request', 'audience is missing: name one resource.');
  if (audiences.length > 1) return refuse('invalid_target', 'Name exactly one audience.');
  const resource = audiences[0]!;
  if (!isResourceId(resource)) return refuse('invalid_target', 'The audience is not a registered resource.');
  const scope = params.get('scope');
  if (scope === null || scope === '') return refuse('invalid_scope', 'scope is missing: ask for at least one scope.');
  const scopes = parseScopeParameter(scope);
  if (!scopes) return refuse('invalid_scope', 'scope must be space-separated scope tokens.');
  return { ok: true, request: { subjectToken, resource, scopes } };
}
