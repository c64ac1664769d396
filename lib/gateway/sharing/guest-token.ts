import { sign, type KeyObject } from 'node:crypto';
import { GUEST_TOKEN_TYPE } from '@/lib/artifact-sdk/protocol';
import { SIGNING_ALG } from '../keys/key-crypto';

/** The claims of a guest token as signed (SPEC §15): no `org_id`, `org_role: "guest"`; `email` only for a signed-in person, `share_id` only for a link. */
export type GuestTokenClaims = {
  iss: string;
  aud: string;
  sub: string;
  name: string;
  email?: string;
  sid: string;
  org_role: 'guest';
  /** `session`: a signed-in person outside the org, admitted by an app grant (SPEC §16). */
  auth_via: 'share_link' | 'public' | 'session';
  share_id?: string;
  iat: number;
  nbf: number;
  exp: number;
  jti: string;
};

const headers = new Map<string, string>();

/** A compact JWS over the claims, ES256 (raw r‖s signature), header `typ: app-guest+jwt`. */
export function signGuestToken(claims: GuestTokenClaims, signer: { kid: string; key: KeyObject }): string {
  let header = headers.get(signer.kid);
  if (header === undefined) {
    header = Buffer.from(JSON.stringify({ alg: SIGNING_ALG, kid: signer.kid, typ: GUEST_TOKEN_TYPE })).toString('base64url');
    if (headers.size > 16) headers.clear();
    headers.set(signer.kid, header);
  }
  const input = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
