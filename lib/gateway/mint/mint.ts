import { randomBytes } from 'node:crypto';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import { env } from '@/lib/config/env';
import { log } from '@/lib/log';
import { inSpan } from '@/lib/telemetry/spans';
import { recordDenial } from '../audit';
import { AUDITED, GatewayError } from '../errors';
import { keySnapshot, refreshKeys } from '../keys/keyring';
import { auditableAppId, isWellFormedAppId } from './app-id';
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

const RETRY_AFTER_UNAVAILABLE = 5;
const unavailable = (detail: string) => new GatewayError('unavailable', detail, {}, RETRY_AFTER_UNAVAILABLE);

function refusal(d: MintDecision): GatewayError {
  switch (d.code) {
    case 'unauthenticated':
      return new GatewayError('unauthenticated', 'The credentials are missing, invalid, expired or revoked.');
    case 'not_found':
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

/** Mints an app session token for the caller, or throws a GatewayError saying why not. */
export async function mintAppSession(input: MintInput): Promise<MintedToken> {
  const e = env();
  const keys = await keySnapshot().catch(() => null);
  if (!keys?.signing) {
    await recordDenial({ code: 'unavailable', appId: auditableAppId(input.appId), ip: input.ip, userAgent: input.userAgent });
    throw unavailable('No signing key is available.');
  }
  const signer = keys.signing;
  const { kid } = signer;
  const jti = randomBytes(18).toString('base64url');
  // A malformed id still goes through the statement (so 401 comes first and the denial is audited) but can match nothing.
  const appId = isWellFormedAppId(input.appId) ? input.appId : `!${auditableAppId(input.appId)}`;

  let decision: MintDecision;
  try {
    decision = await inSpan('mint.statement', { 'db.system.name': 'postgresql' }, (setAttributes) =>
      withDeadline(
        authorizeAndAudit({ ...input, appId, jti, kid, rateLimitPerMinute: e.RATE_LIMIT_MINTS_PER_MINUTE }),
        e.DB_TIMEOUT_MS,
      ).then((d) => (setAttributes({ 'app_gateway.decision': d.code }), d)),
    );
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) throw unavailable('The database is not answering.');
    throw error;
  }
  if (decision.code !== 'minted') {
    if (decision.code === 'unavailable') refreshKeys().catch(() => log.warn('keyring_refresh_failed', {}));
    throw Object.assign(refusal(decision), { [AUDITED]: true });
  }

  const iat = Math.floor(Date.now() / 1000);
  const claims: AppSessionClaims = {
    iss: e.APP_URL,
    aud: input.appId,
    sub: decision.userId!,
    org_id: decision.appOrgId!,
    workflow_id: decision.workflowId!,
    name: decision.name!,
    email: decision.email!,
    auth_via: input.caller.kind,
    iat,
    nbf: iat,
    exp: iat + e.APP_TOKEN_TTL_SECONDS,
    jti,
  };
  const token = inSpan('mint.sign', { 'app_gateway.kid': kid }, () => signAppSession(claims, signer));
  return { token, exp: new Date(claims.exp * 1000), expiresIn: e.APP_TOKEN_TTL_SECONDS, claims };
}
