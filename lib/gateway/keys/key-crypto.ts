import { createCipheriv, createDecipheriv, createPrivateKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

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

function wrappingKey(secret: string, kid: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'app-gateway/signing-key', kid, 32));
}

/** AES-256-GCM under a key derived from APP_TOKEN_KEY_SECRET and bound to the kid. Format: v1.iv.ciphertext.tag */
export function encryptPrivateJwk(privateJwk: JWK, kid: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret, kid), iv);
  cipher.setAAD(Buffer.from(kid));
  const body = Buffer.concat([cipher.update(JSON.stringify(privateJwk), 'utf8'), cipher.final()]);
  return ['v1', iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
}

export function decryptPrivateJwk(sealed: string, kid: string, secret: string): JWK {
  const [version, iv, body, tag] = sealed.split('.');
  if (version !== 'v1' || !iv || !body || !tag) throw new Error('unrecognized sealed key format');
  const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret, kid), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(kid));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const json = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  return JSON.parse(json) as JWK;
}

/** The private key as a node:crypto KeyObject (what the signer uses), checked to be ES256's curve. */
export function importPrivateKey(privateJwk: JWK): KeyObject {
  if (privateJwk.kty !== 'EC' || privateJwk.crv !== 'P-256' || !privateJwk.d) throw new Error('not a P-256 private key');
  return createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: privateJwk.x!, y: privateJwk.y!, d: privateJwk.d }, format: 'jwk' });
}
