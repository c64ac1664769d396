import type { IncomingMessage, ServerResponse } from 'node:http';
import { ArtifactTokenError } from '@/lib/artifact-sdk';
import { sendProblem } from './replies';
import { clearedSessionCookie, sessionSetCookie, type CookieOptions } from './session-cookie';
import { isVerifierOutage, type SessionVerifier } from './verify';

const MAX_BODY_BYTES = 16 * 1024;

// POST /.app-gateway/session — verifies { token } for this app and answers 204 with the session
// cookie; DELETE ends the session. Only this origin's own pages may call it (no login CSRF).
export async function exchangeToken(req: IncomingMessage, res: ServerResponse, appId: string, cookie: CookieOptions, verifier: SessionVerifier): Promise<void> {
  if (req.method !== 'POST' && req.method !== 'DELETE') {
    return sendProblem(res, 405, 'method_not_allowed', 'Method not allowed', 'Use POST.', { allow: 'POST, DELETE' });
  }
  if (req.headers.origin !== cookie.origin) {
    return sendProblem(res, 403, 'cross_origin', 'Forbidden', 'Only this app’s own pages can start its session.');
  }
  if (req.method === 'DELETE') {
    res.writeHead(204, { 'set-cookie': clearedSessionCookie(cookie), 'cache-control': 'no-store' });
    return void res.end();
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendProblem(res, 415, 'unsupported_media_type', 'Unsupported media type', 'Send application/json.');
  }
  const body = await readBody(req);
  if (body === null) return sendProblem(res, 413, 'payload_too_large', 'Payload too large', 'The body is over 16 KiB.');
  let token: unknown;
  try {
    token = (JSON.parse(body) as { token?: unknown }).token;
  } catch {
    return sendProblem(res, 400, 'invalid_request', 'Invalid request', 'The body must be JSON: { "token": "<jwt>" }.');
  }
  try {
    const session = await verifier.verify(token, appId);
    res.writeHead(204, { 'set-cookie': sessionSetCookie(cookie, session.token, session.exp), 'cache-control': 'no-store' });
    res.end();
  } catch (err) {
    if (!(err instanceof ArtifactTokenError) || isVerifierOutage(err)) throw err;
    sendProblem(res, 401, err.code, 'Invalid app session token', err.message, { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
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
    req.on('error', reject);
  });
}
