import { createPrivateKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { sealedSecrets } from '@/lib/platform/crypto/sealed-secret';

export const SIGNING_ALG = 'ES256';

export type GeneratedKey = { kid: string; publicJwk: JWK; privateJwk: JWK };

/** A new ES256 key pair; its kid is the RFC 7638 thumbprint of the public key. */
export async function generateSigningKey(): Promise<GeneratedKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub, 'sha256');
  const publicJwk: JWK = { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y, kid, alg: SIGNING_ALG, use: 'sig' };
  return { kid, publicJwk, privateJwk: await exportJWK(privateKey) };
}

// The private JWK at rest, sealed under APP_TOKEN_KEY_SECRET and bound to the kid.
const sealedKeys = sealedSecrets('app-gateway/signing-key');

export const encryptPrivateJwk = (privateJwk: JWK, kid: string, secret: string): string => sealedKeys.seal(JSON.stringify(privateJwk), kid, secret);

export const decryptPrivateJwk = (sealed: string, kid: string, secret: string): JWK => JSON.parse(sealedKeys.open(sealed, kid, secret)) as JWK;

/** The private key as a node:crypto KeyObject (what the signer uses), checked to be ES256's curve. */
export function importPrivateKey(privateJwk: JWK): KeyObject {
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || !privateJwk.d) throw new Error('not a P-256 private key');
  return createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: privateJwk.x!, y: privateJwk.y!, d: privateJwk.d }, format: 'jwk' });
}
