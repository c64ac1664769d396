import { sign } from 'node:crypto';
import { ACCESS_TOKEN_TYPE } from '@/lib/artifact-sdk/protocol';
import { SIGNING_ALG } from '../keys/key-crypto';
import type { Signer } from '../mint/sign';

/** The claims of an access token (RFC 9068 §2.2, SPEC §17). Times are seconds since the epoch. */
export type AccessTokenClaims = {
  iss: string;
  sub: string;
  /** The resource. */
  aud: string;
  /** The app that acts for the viewer. */
  client_id: string;
  /** Space-separated, as RFC 9068 §2.2.3 says. */
  scope: string;
  /** Absent for a guest. */
  org_id?: string;
  org_role: 'admin' | 'member' | 'guest';
  /** The subject token's: the feed's `sid` entries reach the access token too. */
  sid: string;
  /** RFC 8693 §4.1: who acts for `sub`. */
  act: { sub: string };
  jti: string;
  iat: number;
  exp: number;
};

// The encoded header per signing key, made once: `{ alg, kid, typ: "at+jwt" }` (RFC 9068 §2.1).
const headers = new Map<string, string>();

function headerFor(kid: string): string {
  let header = headers.get(kid);
  if (!header) {
    header = Buffer.from(JSON.stringify({ alg: SIGNING_ALG, kid, typ: ACCESS_TOKEN_TYPE })).toString('base64url');
    headers.set(kid, header);
  }
  return header;
}

/** A compact JWS over the claims, ES256 with the gateway's signing key, as mint/sign.ts signs app session tokens. */
export function signAccessToken(claims: AccessTokenClaims, signer: Signer): string {
  const input = `${headerFor(signer.kid)}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
