import { authenticateCaller } from '@/lib/auth/caller';
import { beforeMint } from '@/lib/gateway/audit/record-refusal';
import { mintAppSession } from '@/lib/gateway/mint/mint';
import { parseMintBody } from '@/lib/gateway/mint/mint-body';
import { clientInfo } from '@/lib/platform/http/client-info';
import { readJsonBody } from '@/lib/platform/http/json-body';
import { noteForLog } from '@/lib/platform/http/request-log';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ appId: string }> };

// POST /v1/app-gateway/{appId}/session — mint an app session token for the calling viewer
export const POST = route<Ctx>(async (req, { params }) => {
  const { appId } = await params;
  const client = clientInfo(req);
  const { workflowId, caller } = await beforeMint({ appId, ...client }, async () => ({
    ...parseMintBody(await readJsonBody(req, 4096)),
    caller: await authenticateCaller(req),
  }));
  const outcome = await mintAppSession({ appId, workflowId, caller, ...client });
  if (!outcome.minted) throw outcome.refusal;
  noteForLog(req, { userId: outcome.claims.sub, orgId: outcome.claims.org_id, authVia: caller.kind });
  const body = { token: outcome.token, exp: outcome.exp.toISOString(), expires_in: outcome.expiresIn };
  return Response.json(body, { headers: { 'cache-control': 'no-store' } });
}, '/v1/app-gateway/{appId}/session');

// Any other method on the session endpoint — 405 with Allow: POST
export const GET = methodNotAllowed('POST');
export const PUT = methodNotAllowed('POST');
export const PATCH = methodNotAllowed('POST');
export const DELETE = methodNotAllowed('POST');
export const OPTIONS = methodNotAllowed('POST');
