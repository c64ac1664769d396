import type { Refusal } from '@/lib/gateway/errors';
import type { ScimResourceType } from '@/lib/gateway/scim/resource-type';
import type { ScimContext } from '@/lib/gateway/scim/users';
import { methodsNotAllowed, route } from './route';
import { scimJson } from './scim-response';
import { readScimBody } from './scim-body';
import { scimContext } from './scim-context';

type OrgParams = { orgId: string };
type Answer = Promise<Response | Refusal>;
type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

/** A SCIM handler: the funnel of `route`, then the org's SCIM client authorized (401 / 403 as RFC 7644 errors) before `handle`. */
export function scimRoute<P extends OrgParams>(template: string, handle: (ctx: ScimContext, params: P, req: Request) => Answer): RouteHandler<P> {
  return route<{ params: Promise<P> }>(async (req, { params }) => {
    const p = await params;
    const ctx = await scimContext(req, p.orgId);
    if (!ctx.ok) return ctx;
    return handle(ctx, p, req);
  }, template);
}

/** The same, for a call with a SCIM JSON body (read after authorization). */
function scimBodyRoute<P extends OrgParams>(template: string, handle: (ctx: ScimContext, params: P, body: Record<string, unknown>) => Answer): RouteHandler<P> {
  return scimRoute<P>(template, async (ctx, params, req) => {
    const body = await readScimBody(req);
    if (!body.ok) return body;
    return handle(ctx, params, body.json);
  });
}

/**
 * The routes of a SCIM resource type's collection (`/Users`, `/Groups`): GET lists it (the query's
 * filter and paging go to `list`), POST creates one (201 with its Location); any other method 405.
 */
export function scimCollectionRoutes(template: string, type: Pick<ScimResourceType, 'list' | 'create'>) {
  const { PUT, PATCH, DELETE } = methodsNotAllowed('GET, POST');
  return {
    GET: scimRoute(template, async (ctx, _params, req) => {
      const listed = await type.list(ctx, new URL(req.url).searchParams);
      return listed.ok ? scimJson(listed.list) : listed;
    }),
    POST: scimBodyRoute(template, async (ctx, _params, body) => {
      const created = await type.create(ctx, body);
      return created.ok ? scimJson(created.resource, { status: 201, location: created.resource.meta.location }) : created;
    }),
    PUT,
    PATCH,
    DELETE,
  };
}

/**
 * The routes of one SCIM resource (`/Users/{id}`, `/Groups/{id}`, the id in the route's `idParam`):
 * GET, PUT (replace) and PATCH (PatchOp) answer its document, DELETE 204; POST 405.
 */
export function scimResourceRoutes<K extends string>(template: string, idParam: K, type: Pick<ScimResourceType, 'get' | 'replace' | 'patch' | 'remove'>) {
  type P = OrgParams & Record<K, string>;
  const answer = (result: Awaited<ReturnType<ScimResourceType['get']>>) => (result.ok ? scimJson(result.resource) : result);
  const { POST } = methodsNotAllowed('GET, PUT, PATCH, DELETE');
  return {
    GET: scimRoute<P>(template, async (ctx, params) => answer(await type.get(ctx, params[idParam]))),
    PUT: scimBodyRoute<P>(template, async (ctx, params, body) => answer(await type.replace(ctx, params[idParam], body))),
    PATCH: scimBodyRoute<P>(template, async (ctx, params, body) => answer(await type.patch(ctx, params[idParam], body))),
    DELETE: scimRoute<P>(template, async (ctx, params) => {
      const removed = await type.remove(ctx, params[idParam]);
      return removed.ok ? new Response(null, { status: 204 }) : removed;
    }),
    POST,
  };
}
