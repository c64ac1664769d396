import { randomBytes } from 'node:crypto';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import { ACCESS_TOKEN_TOKEN_TYPE } from '@/lib/artifact-sdk/protocol';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { inSpan } from '@/lib/platform/telemetry/spans';
import { refusal, type Refusal } from '../errors';
import { keySnapshot, refreshKeys } from '../keys/keyring';
import { signAccessToken, type AccessTokenClaims } from './access-token';
import { parseBasicCredentials } from './client-authentication';
import { hashClientSecret, isWellFormedClientSecret } from './credential-secret';
import { exchangeAndAudit, type ExchangeAttempt, type ExchangeCode } from './exchange-and-audit';
import { verifySubjectToken } from './subject-token';
import { parseTokenRequest } from './token-request';

export type ExchangeInput = {
  /** The Authorization header as sent. */
  authorization: string | null;
  /** The form parameters, or why the body could not be read as a form. */
  form: { ok: true; params: URLSearchParams } | { ok: false; detail: string };
  ip: string | null;
  userAgent: string | null;
};

/** RFC 8693 §2.2.1's answer. */
type TokenResponse = { access_token: string; issued_token_type: string; token_type: 'Bearer'; expires_in: number; scope: string };

/** An access token issued: the RFC 8693 answer and the claims it carries. */
export type Exchanged = { ok: true; body: TokenResponse; claims: AccessTokenClaims };

const RETRY_AFTER_UNAVAILABLE = 5;
const refused = (code: Exclude<ExchangeCode, 'token_exchanged'>, detail: string, retryAfter?: number): Refusal =>
  refusal(code, detail, retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter });

/**
 * RFC 8693 token exchange (SPEC §17): an app's backend, authenticated with its client secret,
 * trades its viewer's app session token for an access token to one resource, with scopes the app is
 * allowed there. The subject token is verified in memory; everything that must be read fresh (the
 * client's secret, revocations, the viewer's access, the resource and allowance, the rate limit)
 * and the audit row are one database statement, whatever the outcome. A refusal is returned (already
 * in the audit log, once) for the route to render as RFC 6749 §5.2 asks.
 */
export async function exchangeToken(input: ExchangeInput): Promise<Exchanged | Refusal> {
  const e = env();
  const client = parseBasicCredentials(input.authorization);
  const keys = await keySnapshot().catch(() => null);
  const signer = keys?.signing ?? null;
  const jti = randomBytes(18).toString('base64url');
  const nowSeconds = Math.floor(Date.now() / 1000);

  const attempt: ExchangeAttempt = {
    clientId: client?.clientId.slice(0, 200) ?? null,
    // A secret of the wrong shape cannot match: the statement then answers invalid_client (and audits it).
    secretHash: client && isWellFormedClientSecret(client.secret) ? hashClientSecret(client.secret) : null,
    refusal: null,
    subject: null,
    resource: null,
    scopes: [],
    jti,
    kid: signer?.kid ?? '',
    rateLimitPerMinute: e.RATE_LIMIT_EXCHANGES_PER_MINUTE,
    ip: input.ip,
    userAgent: input.userAgent,
  };
  const parsed = input.form.ok ? parseTokenRequest(input.form.params, attempt.clientId ?? '') : ({ ok: false, code: 'token_invalid_request', detail: input.form.detail } as const);
  if (!parsed.ok) attempt.refusal = { code: parsed.code, detail: parsed.detail };
  else if (attempt.secretHash === null) attempt.refusal = { code: 'invalid_client', detail: '' }; // no signature checked for a caller with no credentials
  else {
    attempt.resource = parsed.request.resource;
    attempt.scopes = parsed.request.scopes;
    const subject = verifySubjectToken(parsed.request.subjectToken, { jwks: keys?.jwks ?? [], issuer: e.APP_URL, clientId: attempt.clientId ?? '', nowSeconds });
    if (subject.ok) attempt.subject = subject.claims;
    else attempt.refusal = { code: 'invalid_grant', detail: subject.detail };
  }
  if (!signer && !attempt.refusal) attempt.refusal = { code: 'token_unavailable', detail: 'No signing key is available.' };

  let decision;
  try {
    decision = await inSpan('exchange.statement', { 'db.system.name': 'postgresql' }, (setAttributes) =>
      withDeadline(exchangeAndAudit(attempt), e.DB_TIMEOUT_MS).then((d) => (setAttributes({ 'app_gateway.decision': d.code }), d)),
    );
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return refused('token_unavailable', 'The database is not answering.', RETRY_AFTER_UNAVAILABLE);
    throw error;
  }
  const detail = decision.detail ?? attempt.refusal?.detail ?? '';
  switch (decision.code) {
    case 'token_exchanged':
      break;
    case 'invalid_client':
      return refused('invalid_client', 'Client authentication failed: send HTTP Basic with the app id and a live client secret of that app.');
    case 'token_rate_limited':
      return refused('token_rate_limited', detail, decision.retryAfter ?? 60);
    case 'token_unavailable':
      if (signer) refreshKeys().catch(() => log.warn('keyring_refresh_failed', {}));
      return refused('token_unavailable', detail, RETRY_AFTER_UNAVAILABLE);
    default:
      return refused(decision.code, detail);
  }

  const subject = attempt.subject!;
  const iat = nowSeconds;
  const claims: AccessTokenClaims = {
    iss: e.APP_URL,
    sub: subject.sub,
    aud: attempt.resource!,
    client_id: attempt.clientId!,
    scope: attempt.scopes.join(' '),
    ...(subject.orgId === null ? {} : { org_id: subject.orgId }),
    org_role: subject.kind === 'guest' ? 'guest' : decision.orgRole!,
    sid: subject.sid,
    act: { sub: `app:${attempt.clientId}` },
    jti,
    iat,
    // Never past the subject token: signing out or losing access ends both within one feed poll.
    exp: Math.min(subject.exp, iat + e.APP_TOKEN_TTL_SECONDS),
  };
  const accessToken = inSpan('exchange.sign', { 'app_gateway.kid': signer!.kid }, () => signAccessToken(claims, signer!));
  const body: TokenResponse = {
    access_token: accessToken,
    issued_token_type: ACCESS_TOKEN_TOKEN_TYPE,
    token_type: 'Bearer',
    expires_in: claims.exp - iat,
    scope: claims.scope,
  };
  return { ok: true, body, claims };
}
