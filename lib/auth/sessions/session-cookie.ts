import { env } from '@/lib/config/env';
import { decryptSessionJwe, sessionKeyFor } from './session-jwe';

/** What the sealed cookie says; whether its session is still on is the database's to decide. */
export type SessionClaims = { userId: string; activeOrgId: string | null; sessionId: string };

export function sessionCookieName(): string {
  return env().APP_URL.startsWith('https://') ? '__Secure-authjs.session-token' : 'authjs.session-token';
}

function readCookie(header: string, name: string): string | null {
  const jar = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  if (jar.has(name)) return jar.get(name)!;
  // Auth.js splits large cookies into name.0, name.1, ...
  const chunks: string[] = [];
  for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`)!);
  return chunks.length ? chunks.join('') : null;
}

export function hasSessionCookie(req: Request): boolean {
  const header = req.headers.get('cookie');
  return header !== null && readCookie(header, sessionCookieName()) !== null;
}

/**
 * The next-auth session in the request's cookie, or null when absent, forged, tampered, expired, or
 * sealed before sessions were recorded (no `sid`).
 */
export async function readSessionCookie(req: Request): Promise<SessionClaims | null> {
  const header = req.headers.get('cookie');
  const name = sessionCookieName();
  const raw = header ? readCookie(header, name) : null;
  if (!raw || raw.length > 16_384) return null;
  const payload = decryptSessionJwe(raw, sessionKey(env().AUTH_SECRET, name), Date.now() / 1000);
  if (!payload || typeof payload.sub !== 'string' || payload.sub === '') return null;
  if (typeof payload.sid !== 'string' || payload.sid === '') return null;
  const org = payload.activeOrgId;
  return { userId: payload.sub, activeOrgId: typeof org === 'string' ? org : null, sessionId: payload.sid };
}

let cachedKey: { secret: string; name: string; key: ReturnType<typeof sessionKeyFor> } | null = null;

/** Derived once per secret and cookie name, not at every request. */
function sessionKey(secret: string, name: string) {
  if (cachedKey?.secret !== secret || cachedKey.name !== name) cachedKey = { secret, name, key: sessionKeyFor(secret, name) };
  return cachedKey.key;
}
