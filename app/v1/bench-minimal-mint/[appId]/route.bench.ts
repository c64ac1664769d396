// Bench-only (npm run bench): built only when APP_GATEWAY_BENCH_FIXTURES=1 at build time (next.config.js
// adds the `bench.ts` page extension), and answers only when it is set at run time too. Never in a
// production build. What the mint endpoint is measured against (issue #31): the same one-statement
// mint as a plain route handler with nothing around it — no funnel, request id, log line, metrics,
// span, body validation or audit of refusals before the statement.
import { authorizeAndAudit } from '@/lib/gateway/mint/authorize-and-audit';
import { signAppSession } from '@/lib/gateway/mint/sign';
import { keySnapshot } from '@/lib/gateway/keys/keyring';
import { hashApiToken } from '@/lib/auth/api-tokens/api-token-secret';
import { decodeSessionToken } from '@/lib/auth/sessions/session-decoder';
import { env } from '@/lib/platform/config/env';
import { randomBytes } from 'node:crypto';

export const dynamic = 'force-dynamic';

const COOKIE = /(?:^|;\s*)authjs\.session-token=([^;]+)/;

// POST /v1/bench-minimal-mint/{appId} — the bench's minimal Next.js mint (see above)
export async function POST(req: Request, { params }: { params: Promise<{ appId: string }> }): Promise<Response> {
  if (process.env.APP_GATEWAY_BENCH_FIXTURES !== '1') return new Response(null, { status: 404 });
  const e = env();
  const { appId } = await params;
  const text = await req.text();
  const body = (text ? JSON.parse(text) : {}) as { workflowId?: unknown };
  const workflowId = typeof body.workflowId === 'string' ? body.workflowId : null;
  const authorization = req.headers.get('authorization');
  let caller: Parameters<typeof authorizeAndAudit>[0]['caller'];
  if (authorization) caller = { kind: 'api_token', tokenHash: hashApiToken(authorization.slice('Bearer '.length)) };
  else {
    const sealed = COOKIE.exec(req.headers.get('cookie') ?? '')?.[1];
    const claims = sealed ? await decodeSessionToken({ token: sealed, secret: e.AUTH_SECRETS, salt: 'authjs.session-token' }) : null;
    if (!claims?.sub || typeof claims.sid !== 'string' || req.headers.get('origin') !== e.APP_URL) return new Response(null, { status: 401 });
    caller = { kind: 'session', userId: claims.sub, activeOrgId: typeof claims.activeOrgId === 'string' ? claims.activeOrgId : null, sessionId: claims.sid };
  }
  const signer = (await keySnapshot()).signing!;
  const jti = randomBytes(18).toString('base64url');
  const ip = req.headers.get('x-forwarded-for');
  const userAgent = req.headers.get('user-agent');
  const d = await authorizeAndAudit({ appId, workflowId, caller, refused: null, jti, kid: signer.kid, ip, userAgent, rateLimitPerMinute: e.RATE_LIMIT_MINTS_PER_MINUTE });
  // The bench mints for members only (no app grants in its world).
  if (d.code !== 'minted' || d.orgRole === 'guest') return new Response(null, { status: 403 });
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + e.APP_TOKEN_TTL_SECONDS;
  const claims = {
    iss: e.APP_URL, aud: appId, sub: d.viewer.userId, org_id: d.app.orgId, org_role: d.orgRole, workflow_id: d.app.workflowId, name: d.viewer.name,
    email: d.viewer.email, auth_via: caller.kind, sid: d.sid, iat, nbf: iat, exp, jti,
  };
  const token = signAppSession(claims, signer);
  return Response.json({ token, exp: new Date(exp * 1000).toISOString(), expires_in: e.APP_TOKEN_TTL_SECONDS }, { headers: { 'cache-control': 'no-store' } });
}
