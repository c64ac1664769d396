import { randomBytes } from 'node:crypto';
import { DatabaseUnavailableError, withDeadline } from '@/db/deadline';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { inSpan } from '@/lib/platform/telemetry/spans';
import { refusal, unauthenticated, unavailable, type Refusal } from '../errors';
import { keySnapshot, refreshKeys } from '../keys/keyring';
import { auditedAppId } from '../mint/app-id';
import { signedToken, type MintedToken } from '../mint/signed-token';
import { guestTokenName } from './guest-name';
import { authorizeGuestMint, type GuestMintDecision } from './guest-mint-statement';
import { signGuestToken, type GuestTokenClaims } from './guest-token';
import { hashSecret, isWellFormedSecret } from './secrets';

export type GuestMintInput = {
  appId: string;
  /** The guest cookie's value for this app, if the browser sent one. */
  cookieSecret: string | null;
  ip: string | null;
  userAgent: string | null;
};

export type GuestMinted = MintedToken<GuestTokenClaims>;

/** Matches no guest session: a missing or malformed cookie still goes through the statement, which audits the refusal. */
const NO_SESSION = hashSecret('');

function refusalFor(d: GuestMintDecision): Refusal {
  switch (d.code) {
    case 'unauthenticated':
      return unauthenticated();
    case 'rate_limited':
      return refusal('rate_limited', 'Too many tokens minted for this app; try again shortly.', { retryAfterSeconds: d.retryAfter ?? 60 });
    default:
      return unavailable('The signing key is being replaced; try again.');
  }
}

/**
 * Mints a guest token (SPEC §15) for the guest session the browser's cookie names: one statement
 * (authorizeGuestMint) decides and audits, then the claims are signed with `typ: app-guest+jwt`.
 * The token never outlives its guest session, which never outlives its link.
 */
export async function mintGuestToken(input: GuestMintInput): Promise<GuestMinted | Refusal> {
  const e = env();
  const keys = await keySnapshot().catch(() => null);
  const signer = keys?.signing ?? null;
  const jti = randomBytes(18).toString('base64url');
  const secretHash = input.cookieSecret !== null && isWellFormedSecret(input.cookieSecret) ? hashSecret(input.cookieSecret) : NO_SESSION;
  let decision: GuestMintDecision;
  try {
    decision = await inSpan('guest_mint.statement', { 'db.system.name': 'postgresql' }, (setAttributes) =>
      withDeadline(
        authorizeGuestMint({
          appId: auditedAppId(input.appId),
          secretHash,
          jti,
          // Without a signing key the statement decides `unavailable` (no key has an empty id), and audits it.
          kid: signer?.kid ?? '',
          ip: input.ip,
          userAgent: input.userAgent,
          rateLimitPerMinute: e.RATE_LIMIT_MINTS_PER_MINUTE,
        }),
        e.DB_TIMEOUT_MS,
      ).then((d) => (setAttributes({ 'app_gateway.decision': d.code, ...(d.shareId ? { 'app_gateway.share_id': d.shareId } : {}) }), d)),
    );
  } catch (error) {
    if (error instanceof DatabaseUnavailableError) return unavailable('The database is not answering.');
    throw error;
  }
  if (decision.code !== 'minted' || !signer) {
    if (decision.code === 'unavailable') refreshKeys().catch(() => log.warn('keyring_refresh_failed', {}));
    return refusalFor(decision.code === 'minted' ? { ...decision, code: 'unavailable' } : decision);
  }

  const iat = Math.floor(Date.now() / 1000);
  const exp = Math.min(iat + e.APP_TOKEN_TTL_SECONDS, decision.endsAt ?? iat + e.APP_TOKEN_TTL_SECONDS);
  const claims: GuestTokenClaims = {
    iss: e.APP_URL,
    aud: input.appId,
    sub: decision.sub!,
    name: guestTokenName(decision.name),
    ...(decision.email ? { email: decision.email } : {}),
    sid: decision.sessionId!,
    org_role: 'guest',
    auth_via: decision.via!,
    ...(decision.shareId ? { share_id: decision.shareId } : {}),
    iat,
    nbf: iat,
    exp,
    jti,
  };
  return signedToken('guest_mint.sign', signer, claims, (c) => signGuestToken(c, signer));
}
