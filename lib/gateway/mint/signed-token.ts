import { inSpan } from '@/lib/platform/telemetry/spans';

/** What a mint answers with: the signed token, when it expires (a date, and seconds from now), and its claims. */
export type MintedToken<C> = { ok: true; token: string; exp: Date; expiresIn: number; claims: C };

/** Signs the claims in the span `span` (tagged with the key's id) and answers with the token. */
export function signedToken<C extends { iat: number; exp: number }>(span: string, signer: { kid: string }, claims: C, sign: (claims: C) => string): MintedToken<C> {
  const token = inSpan(span, { 'app_gateway.kid': signer.kid }, () => sign(claims));
  return { ok: true, token, exp: new Date(claims.exp * 1000), expiresIn: claims.exp - claims.iat, claims };
}
