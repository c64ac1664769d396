import { randomBytes } from 'node:crypto';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import type { Caller } from '@/lib/auth/caller';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { inSpan } from '@/lib/platform/telemetry/spans';
import { invalidApiToken, refusal, unauthenticated, unavailable, type Refusal, type Result } from '../errors';
import { keySnapshot, refreshKeys } from '../keys/keyring';
import { auditedAppId } from './app-id';
import { authorizeAndAudit, type MintAttempt, type MintDecision } from './authorize-and-audit';
import { parseMintBody } from './mint-body';
import { guestTokenName } from '../sharing/guest-name';
import { signGuestToken, type GuestTokenClaims } from '../sharing/guest-token';
import { signAppSession, type AppSessionClaims } from './sign';
import { signedToken, type MintedToken } from './signed-token';

/** A mint as the transport hands it over: what it read of the request, each part already a result. */
export type MintRequest = {
  appId: string;
  /** The request body as JSON, or why it could not be read (too large, not JSON, …). */
  body: Result<{ json: unknown }>;
  /** Who is calling, or why nobody is recognised. */
  caller: Result<{ caller: Caller }>;
  ip: string | null;
  userAgent: string | null;
};

export type Minted = MintedToken<AppSessionClaims | GuestTokenClaims>;

/**
 * The mint, one use case: an app session token for the caller, or why not. Every request is audited
 * exactly once, and only by the mint statement (one round trip): it decides and audits the mint, or
 * only audits a refusal decided before it (the body, the credentials, no signing key). A statement
 * that did not answer in time writes nothing more (it may yet commit).
 */
export async function mint(r: MintRequest): Promise<Minted | Refusal> {
  const e = env();
  // A malformed id still goes through the statement (so 401 comes first and the denial is audited) but can match nothing.
  const attempt = { appId: auditedAppId(r.appId), ip: r.ip, userAgent: r.userAgent, rateLimitPerMinute: e.RATE_LIMIT_MINTS_PER_MINUTE };
  const body = r.body.ok ? parseMintBody(r.body.json) : r.body;
  if (!body.ok) return refusedBefore(body, { ...attempt, caller: null });
  if (!r.caller.ok) return refusedBefore(r.caller, { ...attempt, caller: null });
  const { caller } = r.caller;
  const signer = (await keySnapshot().catch(() => null))?.signing;
  if (!signer) return refusedBefore(unavailable('No signing key is available.'), { ...attempt, caller });

  const jti = randomBytes(18).toString('base64url');
  let decision: MintDecision;
  try {
    decision = await inSpan('mint.statement', { 'db.system.name': 'postgresql' }, (setAttributes) =>
      withDeadline(authorizeAndAudit({ ...attempt, workflowId: body.workflowId, caller, refused: null, jti, kid: signer.kid }), e.DB_TIMEOUT_MS).then(
        (d) => (setAttributes({ 'app_gateway.decision': d.code }), d),
      ),
    );
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return unavailable('The database is not answering.');
    throw error;
  }
  if (decision.code !== 'minted') return refusalFor(decision, caller);
  if (caller.kind === 'service_account') throw new Error('mint statement: a service account minted');

  const iat = Math.floor(Date.now() / 1000);
  // A token admitted by an app grant alone ends with the grant (SPEC part three).
  const exp = Math.min(iat + e.APP_TOKEN_TTL_SECONDS, decision.grantEndsAt === null ? Infinity : Math.floor(decision.grantEndsAt));
  if (decision.orgRole === 'guest') {
    // Someone outside the org, admitted by an app grant: a guest token (SPEC §15, §16), their own identity, no org.
    const claims: GuestTokenClaims = {
      iss: e.APP_URL,
      aud: r.appId,
      sub: decision.viewer.userId,
      name: guestTokenName(decision.viewer.name),
      email: decision.viewer.email,
      sid: decision.sid,
      org_role: 'guest',
      auth_via: 'session',
      iat,
      nbf: iat,
      exp,
      jti,
    };
    return signedToken('mint.sign', signer, claims, (c) => signGuestToken(c, signer));
  }
  const claims: AppSessionClaims = {
    iss: e.APP_URL,
    aud: r.appId,
    sub: decision.viewer.userId,
    org_id: decision.app.orgId,
    org_role: decision.orgRole,
    workflow_id: decision.app.workflowId,
    name: decision.viewer.name,
    email: decision.viewer.email,
    auth_via: caller.kind,
    sid: decision.sid,
    iat,
    nbf: iat,
    exp,
    jti,
  };
  return signedToken('mint.sign', signer, claims, (c) => signAppSession(c, signer));
}

/** A refusal decided before the statement, audited by it (no app is looked up: the row is no org's); a failed write is logged, never answered. */
async function refusedBefore(refused: Refusal, attempt: Pick<MintAttempt, 'appId' | 'ip' | 'userAgent' | 'rateLimitPerMinute' | 'caller'>): Promise<Refusal> {
  try {
    await withDeadline(authorizeAndAudit({ ...attempt, workflowId: null, refused: refused.code, jti: null, kid: null }), env().DB_TIMEOUT_MS);
  } catch {
    log.warn('audit_write_failed', { code: refused.code });
  }
  return refused;
}

function refusalFor(d: Exclude<MintDecision, { code: 'minted' }>, caller: Caller): Refusal {
  switch (d.code) {
    case 'unauthenticated':
      return caller.kind === 'session' ? unauthenticated() : invalidApiToken();
    case 'insufficient_scope':
      return refusal('insufficient_scope', 'This API token was made without the mint scope; make one with --scope mint to mint viewer tokens.', { extra: { scope: 'mint' } });
    case 'service_account':
      return refusal('forbidden', 'A service-account token never mints a viewer token: mint with a person’s session or API token.');
    case 'not_found':
    case 'not_allowed': // the same answer: nobody learns that the app exists and is closed to them
      return refusal('not_found', 'No such app.');
    case 'org_mismatch':
      return refusal('org_mismatch', `This app belongs to ${d.appOrgName}; switch to that organization to open it.`, {
        extra: { orgId: d.appOrgId, orgName: d.appOrgName },
      });
    case 'rate_limited':
      return refusal('rate_limited', 'Too many tokens minted for this app; try again shortly.', { retryAfterSeconds: d.retryAfter });
    case 'unavailable':
      refreshKeys().catch(() => log.warn('keyring_refresh_failed', {}));
      return unavailable('The signing key is being replaced; try again.');
    case 'refused':
      throw new Error('mint statement: refused without a refusal');
  }
}
