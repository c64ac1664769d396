import type { IncomingMessage } from 'node:http';
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import { guestRefusal } from './guest-admission';
import { refusal, type Refusal } from './refusal';
import { clearedSessionCookie, sessionSetCookie, type CookieOptions } from './session-cookie';
import type { SessionVerifier } from './verify';

const MAX_BODY_BYTES = 16 * 1024;

/** The session started (its cookie) or ended (the cookie cleared): answered 204. */
export type SessionExchange = { readonly ok: true; readonly setCookie: string } | Refusal;

// POST /.app-gateway/session — verifies { token } for this app and answers 204 with the session
// cookie; DELETE ends the session. Only this origin's own pages may call it (no login CSRF).
export async function exchangeSessionToken(req: IncomingMessage, app: ProxiedApp, cookie: CookieOptions, verifier: SessionVerifier): Promise<SessionExchange> {
  if (req.method !== 'POST' && req.method !== 'DELETE') {
    return refusal('method_not_allowed', 'Use POST to start the session, DELETE to end it.', { extra: { allow: 'POST, DELETE' } });
  }
  if (req.headers.origin !== cookie.origin) return refusal('cross_origin', 'Only this app’s own pages can start its session.');
  if (req.method === 'DELETE') return { ok: true, setCookie: clearedSessionCookie(cookie) };
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refusal('unsupported_media_type', 'Send application/json.');
  const body = await readBody(req);
  if (body === null) return refusal('payload_too_large', 'The body is over 16 KiB.');
  let token: unknown;
  try {
    token = (JSON.parse(body) as { token?: unknown } | null)?.token;
  } catch {
    return refusal('invalid_request', 'The body must be JSON: { "token": "<jwt>" }.');
  }
  const checked = await verifier.verify(token, app.appId);
  if (!checked.ok) return checked;
  const notAdmitted = guestRefusal(checked.session, app);
  if (notAdmitted !== null) return notAdmitted;
  return { ok: true, setCookie: sessionSetCookie(cookie, checked.session.token, checked.session.exp) };
}

/** The body as text; null when over the limit (the rest is not read). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    // The client went away mid-body: nobody is left to answer.
    req.on('error', () => resolve(null));
  });
}
