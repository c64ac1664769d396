import { COMPACT_JWS, FORBIDDEN_HEADERS, MAX_TOKEN_LENGTH } from '@/lib/artifact-sdk/protocol';
import { decodeJwtPart } from '@/lib/platform/format/jwt-part';
import { compactVerify, importJWK, type JWK } from 'jose';
import { duration } from '@/lib/platform/format/duration';
import { SIGNING_ALG } from '../keys/key-crypto';
import { TOKEN_TYPE } from '../mint/sign';

export type CheckName = 'signature' | 'typ' | 'iss' | 'aud' | 'exp' | 'nbf';
type CheckStatus = 'pass' | 'fail' | 'skip';
type TokenCheck = { name: CheckName; label: string; status: CheckStatus; reason: string };

export type TokenInspection = {
  /** Set when the text is not a compact JWS at all; every check then fails. */
  problem: string | null;
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  checks: TokenCheck[];
  /** No check failed. */
  valid: boolean;
  /** `exp` in seconds since the epoch, when the token has a numeric one. */
  exp: number | null;
};

export type InspectContext = {
  /** The gateway's published public keys (its own, in memory). */
  jwks: JWK[];
  /** The gateway's issuer (APP_URL). */
  issuer: string;
  /** The app id the token must be for; null = not checked. */
  audience: string | null;
  now: Date;
};

export const MAX_INSPECTED_TOKEN_LENGTH = MAX_TOKEN_LENGTH;
const LABELS: Record<CheckName, string> = {
  signature: 'Signature',
  typ: 'Type (typ)',
  iss: 'Issuer (iss)',
  aud: 'Audience (aud)',
  exp: 'Expiry (exp)',
  nbf: 'Not before (nbf)',
};

const check = (name: CheckName, status: CheckStatus, reason: string): TokenCheck => ({ name, label: LABELS[name], status, reason });
const show = (v: unknown) => (typeof v === 'string' ? `"${v.slice(0, 200)}"` : JSON.stringify(v)?.slice(0, 200) ?? 'nothing');

/**
 * Verifies an app session token the way an artifact does, but reports every check on its own,
 * with the reason, instead of stopping at the first failure. No I/O: the keys, issuer and clock
 * are passed in. Never throws, and never puts the token itself in a reason.
 */
export async function inspectToken(token: string, ctx: InspectContext): Promise<TokenInspection> {
  const compact = token.trim();
  const decoded = decode(compact);
  if ('problem' in decoded) {
    const checks = (Object.keys(LABELS) as CheckName[]).map((n) => check(n, 'fail', 'Not checked: the token could not be decoded.'));
    return { problem: decoded.problem, header: null, claims: null, checks, valid: false, exp: null };
  }
  const { header, claims } = decoded;
  const checks = [
    await signatureCheck(compact, header, ctx.jwks),
    typCheck(header),
    issCheck(claims, ctx.issuer),
    audCheck(claims, ctx.audience),
    expCheck(claims, ctx.now),
    nbfCheck(claims, ctx.now),
  ];
  const exp = typeof claims.exp === 'number' && Number.isFinite(claims.exp) ? claims.exp : null;
  return { problem: null, header, claims, checks, valid: checks.every((c) => c.status !== 'fail'), exp };
}

type Decoded = { header: Record<string, unknown>; claims: Record<string, unknown> } | { problem: string };

function decode(compact: string): Decoded {
  if (compact === '') return { problem: 'Paste a token: nothing was given.' };
  if (compact.length > MAX_INSPECTED_TOKEN_LENGTH) return { problem: `That is longer than any app session token (over ${MAX_INSPECTED_TOKEN_LENGTH} characters).` };
  if (!COMPACT_JWS.test(compact)) return { problem: 'That is not a compact JWT: expected three base64url parts separated by dots.' };
  const [h, p] = compact.split('.') as [string, string, string];
  const header = decodeJwtPart(h);
  if (!header) return { problem: 'The header (first part) is not base64url-encoded JSON.' };
  const claims = decodeJwtPart(p);
  if (!claims) return { problem: 'The claims (second part) are not base64url-encoded JSON.' };
  return { header, claims };
}

async function signatureCheck(compact: string, header: Record<string, unknown>, jwks: JWK[]): Promise<TokenCheck> {
  if (header.alg !== SIGNING_ALG) return check('signature', 'fail', `alg is ${show(header.alg)}; the gateway only signs with ES256.`);
  const forbidden = FORBIDDEN_HEADERS.find((name) => Object.hasOwn(header, name));
  if (forbidden) return check('signature', 'fail', `The header carries "${forbidden}", which verifiers must refuse: keys come from the JWKS only.`);
  if (typeof header.kid !== 'string' || header.kid === '') return check('signature', 'fail', 'The header names no key (kid).');
  const kid = header.kid;
  const jwk = jwks.find((k) => k.kid === kid);
  if (!jwk) return check('signature', 'fail', `Key ${show(kid)} is not in the gateway's JWKS: unknown, retired or revoked.`);
  try {
    await compactVerify(compact, await importJWK(jwk, SIGNING_ALG), { algorithms: [SIGNING_ALG] });
    return check('signature', 'pass', `Verified with ES256 against published key ${kid}.`);
  } catch {
    return check('signature', 'fail', `The signature does not match key ${kid}: the token was altered, or signed by another key.`);
  }
}

function typCheck(header: Record<string, unknown>): TokenCheck {
  if (header.typ === TOKEN_TYPE) return check('typ', 'pass', `typ is "${TOKEN_TYPE}".`);
  if (header.typ === undefined) return check('typ', 'fail', `The header has no typ; app session tokens carry "${TOKEN_TYPE}".`);
  return check('typ', 'fail', `typ is ${show(header.typ)}, not "${TOKEN_TYPE}": this is not an app session token.`);
}

function issCheck(claims: Record<string, unknown>, issuer: string): TokenCheck {
  if (claims.iss === issuer) return check('iss', 'pass', `Issued by this gateway (${issuer}).`);
  if (claims.iss === undefined) return check('iss', 'fail', 'The token has no iss claim.');
  return check('iss', 'fail', `iss is ${show(claims.iss)}, not this gateway (${issuer}).`);
}

function audCheck(claims: Record<string, unknown>, audience: string | null): TokenCheck {
  const aud = claims.aud;
  if (aud === undefined) return check('aud', 'fail', 'The token has no aud claim (the app id).');
  if (audience === null) return check('aud', 'skip', `Not checked: no app id was given. The token is for ${show(aud)}.`);
  const matches = aud === audience || (Array.isArray(aud) && aud.includes(audience));
  if (matches) return check('aud', 'pass', `Issued for app ${audience}.`);
  return check('aud', 'fail', `aud is ${show(aud)}, but the app is "${audience}": the token was issued for another app.`);
}

function expCheck(claims: Record<string, unknown>, now: Date): TokenCheck {
  const exp = claims.exp;
  if (exp === undefined) return check('exp', 'fail', 'The token has no exp claim: it would never expire.');
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return check('exp', 'fail', `exp is ${show(exp)}, not a number of seconds.`);
  const left = exp - now.getTime() / 1000;
  const at = isoSeconds(exp);
  if (left > 0) return check('exp', 'pass', `Valid for another ${duration(left)} (until ${at}).`);
  return check('exp', 'fail', `Expired ${duration(-left)} ago (at ${at}).`);
}

function nbfCheck(claims: Record<string, unknown>, now: Date): TokenCheck {
  const nbf = claims.nbf;
  if (nbf === undefined) return check('nbf', 'fail', 'The token has no nbf claim.');
  if (typeof nbf !== 'number' || !Number.isFinite(nbf)) return check('nbf', 'fail', `nbf is ${show(nbf)}, not a number of seconds.`);
  if (nbf <= now.getTime() / 1000) return check('nbf', 'pass', `Valid since ${isoSeconds(nbf)}.`);
  return check('nbf', 'fail', `Not valid before ${isoSeconds(nbf)}.`);
}

function isoSeconds(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z');
}
