import type { Refusal } from '@/lib/gateway/errors';
import type { ScimContext } from '@/lib/gateway/scim/users';
import { route } from './route';
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
export function scimBodyRoute<P extends OrgParams>(template: string, handle: (ctx: ScimContext, params: P, body: Record<string, unknown>) => Answer): RouteHandler<P> {
  return scimRoute<P>(template, async (ctx, params, req) => {
    const body = await readScimBody(req);
    if (!body.ok) return body;
    return handle(ctx, params, body.json);
  });
}
