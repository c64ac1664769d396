import { randomUUID } from 'node:crypto';
import type { Attributes } from '@opentelemetry/api';
import { GatewayError, refusal, type Refusal } from '@/lib/gateway/errors';
import { log } from '@/lib/platform/log';
import { recordRequest } from '@/lib/platform/metrics/record';
import { inSpan, tracingState } from '@/lib/platform/telemetry/spans';
import { withHsts } from './hsts';
import { problem, refusalResponse } from './problem';
import { noteForLog, notesFor } from './request-log';

/** A route handler: its response, or the refusal the funnel renders (a thrown GatewayError is rendered the same). */
type Handler<C> = (req: Request, ctx: C) => Promise<Response | Refusal>;

/**
 * The one error funnel: refusals (returned, or thrown as GatewayError) become problem+json, anything
 * else a generic 500 with only a request id in the log (never the message, which may hold SQL or secrets).
 */
export function route<C>(handler: Handler<C>, name = ''): (req: Request, ctx: C) => Promise<Response> {
  return (req, ctx) => {
    const routeName = name || new URL(req.url).pathname;
    const requestId = randomUUID();
    // Without tracing, no span and nothing allocated for one.
    if (!tracingState.tracer) return answer(handler, req, ctx, routeName, requestId, null);
    const attributes = { 'app_gateway.request_id': requestId, 'http.request.method': req.method, 'http.route': routeName };
    return inSpan(`${req.method} ${routeName}`, attributes, (setAttributes) => answer(handler, req, ctx, routeName, requestId, setAttributes), tracingState.remoteParent(req.headers));
  };
}

/** Runs the handler, renders what it refused, and records the request: headers, metrics, span attributes, the access log line. */
async function answer<C>(handler: Handler<C>, req: Request, ctx: C, routeName: string, requestId: string, setAttributes: ((a: Attributes) => void) | null): Promise<Response> {
  const started = performance.now();
  let res: Response;
  try {
    const out = await handler(req, ctx);
    res = out instanceof Response ? out : refused(req, out, requestId);
  } catch (error) {
    // A named route logs its template, never the path (a share link's path is its secret).
    res = error instanceof GatewayError ? refused(req, error.refusal, requestId) : internalError(req, error, requestId, routeName);
  }
  res.headers.set('x-request-id', requestId);
  withHsts(res);
  const seconds = (performance.now() - started) / 1000;
  const notes = notesFor(req);
  const code = notes.code as string | undefined;
  recordRequest({ route: routeName, status: res.status, code, seconds });
  setAttributes?.({ 'http.response.status_code': res.status, ...(code ? { 'app_gateway.code': code } : {}) });
  log.info('request', {
    requestId,
    method: req.method,
    route: routeName,
    status: res.status,
    durationMs: Math.round(seconds * 10000) / 10,
    ...notes,
  });
  return res;
}

function refused(req: Request, r: Refusal, requestId: string): Response {
  noteForLog(req, { code: r.code });
  return refusalResponse(r, requestId);
}

function internalError(req: Request, error: unknown, requestId: string, path: string): Response {
  noteForLog(req, { code: 'internal' });
  log.error('unhandled_error', { requestId, path, error: error instanceof Error ? error.name : typeof error });
  return problem('internal', `Something went wrong. Request id: ${requestId}.`, { requestId });
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * The 405 of a route, one handler for every method it does not serve; a route file exports those
 * it names: `export const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');`.
 */
export function methodsNotAllowed(allow: string): Record<Method, (req: Request, ctx: unknown) => Promise<Response>> {
  const notAllowed = route(async () => refusal('method_not_allowed', `Use ${allow}.`, { extra: { allow } }));
  return { GET: notAllowed, POST: notAllowed, PUT: notAllowed, PATCH: notAllowed, DELETE: notAllowed, OPTIONS: notAllowed };
}
