import { randomUUID } from 'node:crypto';
import { GatewayError, problemExtra, problemHeaders } from '@/lib/gateway/errors';
import { log } from '@/lib/platform/log';
import { recordRequest } from '@/lib/platform/metrics/record';
import { inSpan, tracingState } from '@/lib/platform/telemetry/spans';
import { withHsts } from './hsts';
import { problem } from './problem';
import { noteForLog, notesFor } from './request-log';

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/**
 * The one error funnel: domain errors become problem+json, anything else a generic 500 with
 * only a request id in the log (never the message, which may hold SQL or secrets).
 */
export function route<C>(handler: Handler<C>, name = ''): Handler<C> {
  return (req, ctx) => {
    const routeName = name || new URL(req.url).pathname;
    const requestId = randomUUID();
    const attributes = { 'app_gateway.request_id': requestId, 'http.request.method': req.method, 'http.route': routeName };
    return inSpan(`${req.method} ${routeName}`, attributes, async (setAttributes) => {
      const started = performance.now();
      let res: Response;
      try {
        res = await handler(req, ctx);
      } catch (error) {
        // A named route logs its template, never the path (a share link's path is its secret).
        res = toProblem(error, requestId, routeName);
        noteForLog(req, { code: error instanceof GatewayError ? error.code : 'internal' });
      }
      res.headers.set('x-request-id', requestId);
      withHsts(res);
      const seconds = (performance.now() - started) / 1000;
      const notes = notesFor(req);
      const code = notes.code as string | undefined;
      recordRequest({ route: routeName, status: res.status, code, seconds });
      setAttributes({ 'http.response.status_code': res.status, ...(code ? { 'app_gateway.code': code } : {}) });
      log.info('request', {
        requestId,
        method: req.method,
        route: routeName,
        status: res.status,
        durationMs: Math.round(seconds * 10000) / 10,
        ...notes,
      });
      return res;
    }, tracingState.remoteParent(req.headers));
  };
}

function toProblem(error: unknown, requestId: string, path: string): Response {
  if (error instanceof GatewayError) {
    const headers = problemHeaders(error);
    const extra = problemExtra(error);
    return problem(error.code, error.detail, { extra, headers, requestId });
  }
  log.error('unhandled_error', { requestId, path, error: error instanceof Error ? error.name : typeof error });
  return problem('internal', `Something went wrong. Request id: ${requestId}.`, { requestId });
}

/** A 405 for every method a route does not serve. */
export function methodNotAllowed(allow: string) {
  return route(async () => {
    throw new GatewayError('method_not_allowed', `Use ${allow}.`, { allow });
  });
}
