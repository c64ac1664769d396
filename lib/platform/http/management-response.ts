import { madeBy, type Refusal, type Result } from '@/lib/gateway/errors';

/** A management API answer: JSON, never cached (it carries an org's data). */
export function managementJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}

/** A use case's result as the management API answers it: what it made as the JSON body (its `ok` left out), or its refusal for the funnel to render. */
export function managementAnswer<T extends object>(result: Result<T>, status = 200): Response | Refusal {
  return result.ok ? managementJson(madeBy(result), status) : result;
}

/** 204 for a change that answers nothing, or its refusal. */
export function managementDone(result: Result): Response | Refusal {
  return result.ok ? new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } }) : result;
}
