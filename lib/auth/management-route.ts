import type { Refusal } from '@/lib/gateway/errors';
import { MANAGEMENT_BODY_LIMIT, readJson } from '@/lib/platform/http/json-body';
import { route } from '@/lib/platform/http/route';
import { authorizeManagement, type ManagementCaller } from './management-caller';
import type { ManagementScope } from './scopes';

type OrgParams = { orgId: string };
type Answer = Promise<Response | Refusal>;
type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/**
 * A management API handler: the funnel of `route`, then the bearer authorized for `scope` in the
 * path's org (401 / 404 / 403 as `authorizeManagement` decides) before `handle` sees the request.
 */
export function managementRoute<P extends OrgParams>(template: string, scope: ManagementScope, handle: (caller: ManagementCaller, params: P, req: Request) => Answer): RouteHandler<P> {
  return route<{ params: Promise<P> }>(async (req, { params }) => {
    const p = await params;
    const caller = await authorizeManagement(req, p.orgId, scope);
    if (!caller.ok) return caller;
    return handle(caller, p, req);
  }, template);
}

/** The same, for a call with a JSON body (read after authorization, bounded; `merge-patch` for RFC 7396). */
export function managementBodyRoute<P extends OrgParams>(
  template: string,
  scope: ManagementScope,
  handle: (caller: ManagementCaller, params: P, body: unknown, req: Request) => Answer,
  mediaType: 'json' | 'merge-patch' = 'json',
): RouteHandler<P> {
  return managementRoute<P>(template, scope, async (caller, params, req) => {
    const body = await readJson(req, MANAGEMENT_BODY_LIMIT, mediaType);
    if (!body.ok) return body;
    return handle(caller, params, body.json, req);
  });
}
