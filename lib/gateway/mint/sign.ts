import { sign, type KeyObject } from 'node:crypto';
import { SIGNING_ALG } from '../keys/key-crypto';
import { TOKEN_TYPE } from '@/lib/artifact-sdk/protocol';
import type { AppSessionClaims as VerifiedClaims } from '@/lib/artifact-sdk/types';

export { TOKEN_TYPE };

/**
 * The claims the gateway signs: exactly the SDK's verified claims (one definition, SPEC §3), each
 * present — a verifier allows some to be missing from older gateways, the signer always sets them.
 */
export type AppSessionClaims = { [K in keyof VerifiedClaims]: Exclude<VerifiedClaims[K], null> };

/** The private key of the signing key, imported once, with its encoded JWS header. */
export type Signer = { kid: string; key: KeyObject; header: string };

export function signerFor(kid: string, key: KeyObject): Signer {
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('ES256 needs a P-256 private key');
  const header = Buffer.from(JSON.stringify({ alg: SIGNING_ALG, kid, typ: TOKEN_TYPE })).toString('base64url');
  return { kid, key, header };
}

/**
 * A compact JWS (RFC 7515) over the claims, ES256: ECDSA P-256 with SHA-256, the signature as
 * the raw r‖s pair (ieee-p1363) that JWS requires rather than DER. node:crypto signs synchronously
 * in ~30 µs, where WebCrypto (jose's SignJWT) queues a job on the thread pool for every token.
 */
export function signAppSession(claims: AppSessionClaims, signer: Signer): string {
  const input = `${signer.header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  const signature = sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}
