import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { COMPACT_JWS, FORBIDDEN_HEADERS, GUEST_TOKEN_TYPE, MAX_TOKEN_LENGTH, TOKEN_TYPE } from '@/lib/artifact-sdk/protocol';
import { decodeJwtPart } from '@/lib/platform/format/jwt-part';
import { SIGNING_ALG } from '../keys/key-crypto';

/**
 * The subject token's kinds, by JWS `typ`. Guests (`app-guest+jwt`, SPEC §15; no org_id) are acted
 * for only where the allowance says guests, and only while their guest session or app grant is live:
 * the exchange statement checks both.
 */
const SUBJECT_KINDS: Readonly<Record<string, 'member' | 'guest'>> = { [TOKEN_TYPE]: 'member', [GUEST_TOKEN_TYPE]: 'guest' };

/** What the exchange needs of a verified subject token. */
export type SubjectClaims = {
  kind: 'member' | 'guest';
  kid: string;
  sub: string;
  /** Null for a guest. */
  orgId: string | null;
  sid: string;
  iat: number;
  exp: number;
};

export type SubjectVerification = { ok: true; claims: SubjectClaims } | { ok: false; detail: string };

/** Skew allowed between gateway instances for `nbf` and `iat`; `exp` gets none: no token outlives its subject. */
const SKEW_SECONDS = 60;

const bad = (detail: string): SubjectVerification => ({ ok: false, detail });

/** A token whose signature verified, its header and claims parsed: what the cache keeps. */
type Signed = { kind: SubjectClaims['kind']; kid: string; claims: Record<string, unknown> };

/**
 * Verifies an app session token as the SDK does, against the gateway's own published keys (in
 * memory): shape, header (ES256, typ, kid, no key-bearing parameters), the ES256 signature, `iss`,
 * `aud` = the client's app, times. Revocations, the viewer's access and revoked keys are checked
 * fresh by the exchange statement. node:crypto verifies synchronously; a backend exchanges one
 * viewer token many times in its life, so a token whose signature verified is remembered (per key
 * set, bounded) and only its claims are checked again, at every use.
 */
export function verifySubjectToken(token: string, ctx: { jwks: readonly JWK[]; issuer: string; clientId: string; nowSeconds: number }): SubjectVerification {
  const signed = verifiedSignature(token, ctx.jwks);
  if ('detail' in signed) return bad(signed.detail);
  const { kind, kid, claims } = signed;
  if (claims.iss !== ctx.issuer) return bad('The subject token was issued by another issuer.');
  if (claims.aud !== ctx.clientId) return bad('The subject token was issued for another app.');
  const { sub, org_id: orgId, sid, iat, exp, nbf, jti } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return bad('The subject token has no exp.');
  if (exp <= ctx.nowSeconds) return bad('The subject token has expired.');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > ctx.nowSeconds + SKEW_SECONDS)) return bad('The subject token is not valid yet.');
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > ctx.nowSeconds + SKEW_SECONDS) return bad('The subject token has no valid iat.');
  if (typeof sub !== 'string' || sub === '' || typeof sid !== 'string' || sid === '' || typeof jti !== 'string' || jti === '') {
    return bad('The subject token lacks sub, sid or jti.');
  }
  if (kind === 'member' && (typeof orgId !== 'string' || orgId === '')) return bad('The subject token lacks org_id.');
  return { ok: true, claims: { kind, kid, sub, orgId: typeof orgId === 'string' ? orgId : null, sid, iat, exp } };
}

// Tokens whose signature verified, per key set the keyring loaded (a key revoked or rotated out
// makes a new set, and its tokens are verified again); the oldest goes first past the bound.
const remembered = new WeakMap<readonly JWK[], Map<string, Signed>>();
const MAX_REMEMBERED = 10_000;

function verifiedSignature(token: string, jwks: readonly JWK[]): Signed | { detail: string } {
  let known = remembered.get(jwks);
  const hit = known?.get(token);
  if (hit) return hit;
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) return { detail: 'The subject token is not a compact JWS.' };
  const [h, p, s] = token.split('.') as [string, string, string];
  const header = decodeJwtPart(h);
  if (!header) return { detail: 'The subject token header is not JSON.' };
  if (FORBIDDEN_HEADERS.some((name) => Object.hasOwn(header, name))) return { detail: 'The subject token header names a key or extension.' };
  if (header.alg !== SIGNING_ALG) return { detail: 'The subject token is not signed with ES256.' };
  const kind = typeof header.typ === 'string' && Object.hasOwn(SUBJECT_KINDS, header.typ) ? SUBJECT_KINDS[header.typ]! : null;
  if (!kind) return { detail: `The subject token is not an app session token (typ ${TOKEN_TYPE}).` };
  const key = typeof header.kid === 'string' ? publicKey(jwks, header.kid) : null;
  if (!key) return { detail: 'The subject token was signed by a key the gateway does not publish.' };
  const signature = Buffer.from(s, 'base64url');
  if (signature.length !== 64 || !verify('sha256', Buffer.from(`${h}.${p}`), { key, dsaEncoding: 'ieee-p1363' }, signature)) {
    return { detail: 'The subject token signature does not verify.' };
  }
  const claims = decodeJwtPart(p);
  if (!claims) return { detail: 'The subject token claims are not a JSON object.' };
  const signed: Signed = { kind, kid: header.kid as string, claims };
  if (!known) remembered.set(jwks, (known = new Map()));
  if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value!);
  known.set(token, signed);
  return signed;
}

// The published keys as node:crypto public keys, imported once per key set the keyring loads.
const imported = new WeakMap<readonly JWK[], Map<string, KeyObject>>();

function publicKey(jwks: readonly JWK[], kid: string): KeyObject | null {
  let keys = imported.get(jwks);
  if (!keys) {
    keys = new Map();
    for (const jwk of jwks) {
      if (typeof jwk.kid === 'string' && jwk.kty === 'EC' && jwk.crv === 'P-256') keys.set(jwk.kid, createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! }, format: 'jwk' }));
    }
    imported.set(jwks, keys);
  }
  return keys.get(kid) ?? null;
}
