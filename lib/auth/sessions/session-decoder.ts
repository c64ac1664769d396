import { hkdfSync } from 'node:crypto';
import type { JWT, JWTDecodeParams } from '@auth/core/jwt';
import { base64url, calculateJwkThumbprint, jwtDecrypt } from 'jose';

/**
 * The session cookie's one decoder: Auth.js's `jwt.decode` (lib/auth/auth.ts: pages, sign-out, the
 * session endpoint) and the mint's cookie path (session-cookie.ts) alike, so they never disagree about
 * a cookie. Auth.js's own `encode` seals the cookie; this opens exactly what it seals, the way its own
 * `decode` does (@auth/core/jwt.js), with jose doing all of the JOSE work:
 *
 * - a JWE, `dir` + A256CBC-HS512, under a key derived by HKDF-SHA256 from a secret with the cookie
 *   name as salt; its `kid` (the key's JWK thumbprint) picks which listed secret (no `kid`: the
 *   first); `exp` required, 15 s of clock tolerance, as Auth.js allows. Anything else is null.
 * - Keys are derived once per (secret, cookie name) and kept, not at every request as Auth.js does.
 * - A cookie once opened is remembered by its exact text (bounded, least recently used out): a
 *   session's cookie is the same on each of its page views and mints, so this process decrypts it
 *   once (jose's A256CBC-HS512 is seven WebCrypto calls; bench/session-decode.ts). Opening is a pure
 *   function of the text, the secret and the cookie name: a remembered cookie counts only while the
 *   secret that opened it is still listed, for the same cookie name, and its exp and nbf are
 *   checked again at every use.
 */

const ENC = 'A256CBC-HS512';
/** @auth/core/jwt.js, getDerivedEncryptionKey: 64 bytes for A256CBC-HS512. */
const KEY_BYTES = 64;
const CLOCK_TOLERANCE_SECONDS = 15;
/** No cookie Auth.js writes comes near this (it splits cookies at 4 KiB); longer is refused unread. */
const MAX_TOKEN_LENGTH = 16_384;

type Key = { kid: string; key: Uint8Array };

async function deriveKey(secret: string, salt: string): Promise<Key> {
  const key = new Uint8Array(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, KEY_BYTES));
  return { key, kid: await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, 'sha512') };
}

/** Per cookie name, per secret. Callers pass the configured secrets, so this stays a handful of entries. */
const keys = new Map<string, Map<string, Promise<Key>>>();
const MAX_SECRETS_PER_NAME = 16;

function keyFor(secret: string, salt: string): Promise<Key> {
  let bySecret = keys.get(salt);
  if (!bySecret) keys.set(salt, (bySecret = new Map()));
  let key = bySecret.get(secret);
  if (!key) {
    if (bySecret.size >= MAX_SECRETS_PER_NAME) bySecret.clear();
    key = deriveKey(secret, salt);
    bySecret.set(secret, key);
  }
  return key;
}

type Opened = { payload: JWT; salt: string; secret: string };
const opened = new Map<string, Opened>();
const MAX_OPENED = 10_000;

/** jose's time checks (lib/jwt_claims_set.js) with Auth.js's tolerance; exp required. */
function inTime(payload: JWT): boolean {
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp <= now - CLOCK_TOLERANCE_SECONDS) return false;
  return typeof payload.nbf !== 'number' || payload.nbf <= now + CLOCK_TOLERANCE_SECONDS;
}

/** The claims of a cookie opened before (a copy: Auth.js's jwt callback changes the token it is given); null when expired since; undefined when not known. */
function remembered(token: string, secrets: readonly string[], salt: string): JWT | null | undefined {
  const hit = opened.get(token);
  if (!hit || hit.salt !== salt || !secrets.includes(hit.secret)) return undefined;
  opened.delete(token);
  if (!inTime(hit.payload)) return null;
  opened.set(token, hit);
  return structuredClone(hit.payload);
}

function remember(token: string, entry: Opened): void {
  opened.set(token, { ...entry, payload: structuredClone(entry.payload) });
  if (opened.size > MAX_OPENED) opened.delete(opened.keys().next().value!);
}

/** Auth.js's `jwt.decode`, and the mint's: the cookie's claims, or null for anything that does not open. */
export async function decodeSessionToken({ token, secret, salt }: JWTDecodeParams): Promise<JWT | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const secrets = Array.isArray(secret) ? secret : [secret];
  const known = remembered(token, secrets, salt);
  if (known !== undefined) return known;
  // The secret the kid named (a token without kid is the first secret's, whichever that is at the time: not remembered).
  let openedWith: string | null = null;
  try {
    const { payload } = await jwtDecrypt<JWT>(
      token,
      async ({ kid }) => {
        for (const s of secrets) {
          const { key, kid: itsKid } = await keyFor(s, salt);
          if (kid === undefined) return key;
          if (kid === itsKid) {
            openedWith = s;
            return key;
          }
        }
        throw new Error('sealed under no listed secret');
      },
      { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: [ENC], clockTolerance: CLOCK_TOLERANCE_SECONDS, requiredClaims: ['exp'] },
    );
    if (openedWith !== null) remember(token, { payload, salt, secret: openedWith });
    return payload;
  } catch {
    return null;
  }
}
