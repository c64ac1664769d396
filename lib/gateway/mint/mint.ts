import { randomBytes } from 'node:crypto';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { inSpan } from '@/lib/platform/telemetry/spans';
import { recordRefusal } from '../audit/record-refusal';
import { GatewayError, invalidApiToken, unauthenticated } from '../errors';
import { keySnapshot, refreshKeys } from '../keys/keyring';
import { auditedAppId } from './app-id';
import { authorizeAndAudit, type Caller, type MintDecision } from './authorize-and-audit';
import { signAppSession, type AppSessionClaims } from './sign';

export type MintInput = {
  appId: string;
  workflowId: string | null;
  caller: Caller;
  ip: string | null;
  userAgent: string | null;
};

export type MintedToken = { token: string; exp: Date; expiresIn: number; claims: AppSessionClaims };

/** What a mint came to: a token, or the refusal (already in the audit log, once). */
export type MintOutcome = ({ minted: true } & MintedToken) | { minted: false; refusal: GatewayError };

const RETRY_AFTER_UNAVAILABLE = 5;
const unavailable = (detail: string) => new GatewayError('unavailable', detail, {}, RETRY_AFTER_UNAVAILABLE);
const refused = (refusal: GatewayError): MintOutcome => ({ minted: false, refusal });

function refusal(d: MintDecision, caller: Caller): GatewayError {
  switch (d.code) {
    case 'unauthenticated':
      return caller.kind === 'api_token' ? invalidApiToken() : unauthenticated();
    case 'not_found':
    case 'not_allowed': // the same answer: nobody learns that the app exists and is closed to them
      return new GatewayError('not_found', 'No such app.');
    case 'org_mismatch':
      return new GatewayError('org_mismatch', `This app belongs to ${d.appOrgName}; switch to that organization to open it.`, {
        orgId: d.appOrgId ?? '',
        orgName: d.appOrgName ?? '',
      });
    case 'rate_limited':
      return new GatewayError('rate_limited', 'Too many tokens minted for this app; try again shortly.', {}, d.retryAfter ?? 60);
    default:
      return unavailable('The signing key is being replaced; try again.');
  }
}

/**
 * Mints an app session token for the caller, or says why not. Every outcome is audited exactly
 * once: by the mint statement for what it decides, by recordRefusal when there is no signing key
 * to mint with. A statement that did not answer in time writes nothing more (it may yet commit).
 */
export async function mintAppSession(input: MintInput): Promise<MintOutcome> {
  const e = env();
  const keys = await keySnapshot().catch(() => null);
  if (!keys?.signing) {
    const session = input.caller.kind === 'session' ? input.caller : null;
    await recordRefusal({ code: 'unavailable', appId: input.appId, userId: session?.userId, authVia: input.caller.kind, ip: input.ip, userAgent: input.userAgent });
    return refused(unavailable('No signing key is available.'));
  }
  const signer = keys.signing;
  const { kid } = signer;
  const jti = randomBytes(18).toString('base64url');
  // A malformed id still goes through the statement (so 401 comes first and the denial is audited) but can match nothing.
  const appId = auditedAppId(input.appId);

  let decision: MintDecision;
  try {
    decision = await inSpan('mint.statement', { 'db.system.name': 'postgresql' }, (setAttributes) =>
      withDeadline(
        authorizeAndAudit({ ...input, appId, jti, kid, rateLimitPerMinute: e.RATE_LIMIT_MINTS_PER_MINUTE }),
        e.DB_TIMEOUT_MS,
      ).then((d) => (setAttributes({ 'app_gateway.decision': d.code }), d)),
    );
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return refused(unavailable('The database is not answering.'));
    throw error;
  }
  if (decision.code !== 'minted') {
    if (decision.code === 'unavailable') refreshKeys().catch(() => log.warn('keyring_refresh_failed', {}));
    return refused(refusal(decision, input.caller));
  }

  const iat = Math.floor(Date.now() / 1000);
  const claims: AppSessionClaims = {
    iss: e.APP_URL,
    aud: input.appId,
    sub: decision.userId!,
    org_id: decision.appOrgId!,
    org_role: decision.orgRole!,
    workflow_id: decision.workflowId!,
    name: decision.name!,
    email: decision.email!,
    auth_via: input.caller.kind,
    sid: input.caller.kind === 'session' ? input.caller.sessionId : decision.apiTokenId!,
    iat,
    nbf: iat,
    exp: iat + e.APP_TOKEN_TTL_SECONDS,
    jti,
  };
  const token = inSpan('mint.sign', { 'app_gateway.kid': kid }, () => signAppSession(claims, signer));
  return { minted: true, token, exp: new Date(claims.exp * 1000), expiresIn: e.APP_TOKEN_TTL_SECONDS, claims };
}
