import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import * as authRoute from '@/app/api/auth/[...nextauth]/route';
import * as appGatewayRoute from '@/app/.well-known/app-gateway/route';
import * as oauthMetadataRoute from '@/app/.well-known/oauth-authorization-server/route';
import * as jwksRoute from '@/app/.well-known/jwks.json/route';
import * as healthRoute from '@/app/healthz/route';
import * as revocationsRoute from '@/app/v1/app-gateway/revocations/route';
import * as sessionRoute from '@/app/v1/app-gateway/[appId]/session/route';
import * as tokenRoute from '@/app/v1/app-gateway/token/route';
import * as proxyLookupRoute from '@/app/v1/app-gateway/artifact-proxy/apps/route';
import * as openApiRoute from '@/app/v1/openapi.json/route';
import * as sdkBrowserRoute from '@/app/sdk/v1/browser.js/route';
import * as orgAppRoute from '@/app/v1/orgs/[orgId]/apps/[appId]/route';
import * as orgAppsRoute from '@/app/v1/orgs/[orgId]/apps/route';
import * as orgAuditRoute from '@/app/v1/orgs/[orgId]/audit/route';
import * as orgWorkflowRoute from '@/app/v1/orgs/[orgId]/workflows/[workflowId]/route';
import * as guestSessionRoute from '@/app/v1/app-gateway/[appId]/guest-session/route';
import * as publicGuestRoute from '@/app/apps/[appId]/guest/route';
import * as shareLinkPageRoute from '@/app/s/[secret]/route';
import * as shareLinkOpenRoute from '@/app/s/route';
import * as sharesRoute from '@/app/v1/orgs/[orgId]/apps/[appId]/shares/route';
import * as shareRoute from '@/app/v1/orgs/[orgId]/apps/[appId]/shares/[shareId]/route';
import * as accessRequestsRoute from '@/app/v1/orgs/[orgId]/access-requests/route';
import * as approveRoute from '@/app/v1/orgs/[orgId]/access-requests/[requestId]/approve/route';
import * as denyRoute from '@/app/v1/orgs/[orgId]/access-requests/[requestId]/deny/route';
import * as grantsRoute from '@/app/v1/orgs/[orgId]/apps/[appId]/grants/route';
import * as grantRoute from '@/app/v1/orgs/[orgId]/apps/[appId]/grants/[grantId]/route';
import * as scimConfigRoute from '@/app/scim/v2/orgs/[orgId]/ServiceProviderConfig/route';
import * as scimResourceTypesRoute from '@/app/scim/v2/orgs/[orgId]/ResourceTypes/route';
import * as scimSchemasRoute from '@/app/scim/v2/orgs/[orgId]/Schemas/route';
import * as scimUsersRoute from '@/app/scim/v2/orgs/[orgId]/Users/route';
import * as scimUserRoute from '@/app/scim/v2/orgs/[orgId]/Users/[userId]/route';
import * as scimGroupsRoute from '@/app/scim/v2/orgs/[orgId]/Groups/route';
import * as scimGroupRoute from '@/app/scim/v2/orgs/[orgId]/Groups/[groupId]/route';
import * as groupsRoute from '@/app/v1/orgs/[orgId]/groups/route';
import * as groupRoute from '@/app/v1/orgs/[orgId]/groups/[groupId]/route';
import * as groupMembersRoute from '@/app/v1/orgs/[orgId]/groups/[groupId]/members/route';
import * as groupMemberRoute from '@/app/v1/orgs/[orgId]/groups/[groupId]/members/[userId]/route';

type RouteModule = Record<string, unknown>;
type Match = { module: RouteModule; params: Record<string, string | string[]> };

function match(pathname: string): Match | null {
  if (pathname === '/v1/app-gateway/revocations') return { module: revocationsRoute, params: {} };
  if (pathname === '/v1/app-gateway/token') return { module: tokenRoute, params: {} };
  const session = /^\/v1\/app-gateway\/([^/]+)\/session$/.exec(pathname);
  if (session) return { module: sessionRoute, params: { appId: decodeURIComponent(session[1]!) } };
  const guestSession = /^\/v1\/app-gateway\/([^/]+)\/guest-session$/.exec(pathname);
  if (guestSession) return { module: guestSessionRoute, params: { appId: decodeURIComponent(guestSession[1]!) } };
  const publicGuest = /^\/apps\/([^/]+)\/guest$/.exec(pathname);
  if (publicGuest) return { module: publicGuestRoute, params: { appId: decodeURIComponent(publicGuest[1]!) } };
  if (pathname === '/s') return { module: shareLinkOpenRoute, params: {} };
  const shareLink = /^\/s\/([^/]+)$/.exec(pathname);
  if (shareLink) return { module: shareLinkPageRoute, params: { secret: decodeURIComponent(shareLink[1]!) } };
  if (pathname === '/v1/app-gateway/artifact-proxy/apps') return { module: proxyLookupRoute, params: {} };
  const shares = /^\/v1\/orgs\/([^/]+)\/apps\/([^/]+)\/shares(?:\/([^/]+))?$/.exec(pathname);
  if (shares) {
    const [, orgId, appId, shareId] = shares.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    return shareId === undefined ? { module: sharesRoute, params: { orgId: orgId!, appId: appId! } } : { module: shareRoute, params: { orgId: orgId!, appId: appId!, shareId } };
  }
  const grants = /^\/v1\/orgs\/([^/]+)\/apps\/([^/]+)\/grants(?:\/([^/]+))?$/.exec(pathname);
  if (grants) {
    const [, orgId, appId, grantId] = grants.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    return grantId === undefined ? { module: grantsRoute, params: { orgId: orgId!, appId: appId! } } : { module: grantRoute, params: { orgId: orgId!, appId: appId!, grantId } };
  }
  const groups = /^\/v1\/orgs\/([^/]+)\/groups(?:\/([^/]+)(?:\/(members)(?:\/([^/]+))?)?)?$/.exec(pathname);
  if (groups) {
    const [, orgId, groupId, members, userId] = groups.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    if (groupId === undefined) return { module: groupsRoute, params: { orgId: orgId! } };
    if (members === undefined) return { module: groupRoute, params: { orgId: orgId!, groupId } };
    if (userId === undefined) return { module: groupMembersRoute, params: { orgId: orgId!, groupId } };
    return { module: groupMemberRoute, params: { orgId: orgId!, groupId, userId } };
  }
  const requests = /^\/v1\/orgs\/([^/]+)\/access-requests(?:\/([^/]+)\/(approve|deny))?$/.exec(pathname);
  if (requests) {
    const [, orgId, requestId, verb] = requests.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    if (requestId === undefined) return { module: accessRequestsRoute, params: { orgId: orgId! } };
    return { module: verb === 'approve' ? approveRoute : denyRoute, params: { orgId: orgId!, requestId } };
  }
  const org = /^\/v1\/orgs\/([^/]+)\/(?:(apps)(?:\/([^/]+))?|(audit)|workflows\/([^/]+))$/.exec(pathname);
  if (org) {
    const [, orgId, apps, appId, audit, workflowId] = org.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    if (apps && appId !== undefined) return { module: orgAppRoute, params: { orgId: orgId!, appId } };
    if (apps) return { module: orgAppsRoute, params: { orgId: orgId! } };
    if (audit) return { module: orgAuditRoute, params: { orgId: orgId! } };
    return { module: orgWorkflowRoute, params: { orgId: orgId!, workflowId: workflowId! } };
  }
  const scim = /^\/scim\/v2\/orgs\/([^/]+)\/(ServiceProviderConfig|ResourceTypes|Schemas|Users|Groups)(?:\/([^/]+))?$/.exec(pathname);
  if (scim) {
    const [, orgId, resource, id] = scim.map((part) => (part === undefined ? undefined : decodeURIComponent(part)));
    const collections: Record<string, RouteModule> = { ServiceProviderConfig: scimConfigRoute, ResourceTypes: scimResourceTypesRoute, Schemas: scimSchemasRoute, Users: scimUsersRoute, Groups: scimGroupsRoute };
    if (id === undefined) return { module: collections[resource!]!, params: { orgId: orgId! } };
    if (resource === 'Users') return { module: scimUserRoute, params: { orgId: orgId!, userId: id } };
    if (resource === 'Groups') return { module: scimGroupRoute, params: { orgId: orgId!, groupId: id } };
    return null;
  }
  if (pathname === '/.well-known/jwks.json') return { module: jwksRoute, params: {} };
  if (pathname === '/.well-known/app-gateway') return { module: appGatewayRoute, params: {} };
  if (pathname === '/.well-known/oauth-authorization-server') return { module: oauthMetadataRoute, params: {} };
  if (pathname === '/healthz') return { module: healthRoute, params: {} };
  if (pathname === '/v1/openapi.json') return { module: openApiRoute, params: {} };
  if (pathname === '/sdk/v1/browser.js') return { module: sdkBrowserRoute, params: {} };
  if (pathname.startsWith('/api/auth/')) return { module: authRoute, params: { nextauth: pathname.slice(10).split('/') } };
  return null;
}

/**
 * The gateway's real route handlers behind a real HTTP server, in this process, so tests can also
 * read the database the handlers write. Requests are converted the way Next.js does (NextRequest).
 */
export async function startGatewayServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = match(url.pathname);
    const handler = m?.module[req.method ?? 'GET'] as ((r: Request, c: unknown) => Promise<Response>) | undefined;
    if (!m || !handler) {
      res.writeHead(m ? 405 : 404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    headers.set('x-forwarded-for', req.socket.remoteAddress ?? '');
    const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
    const request = new NextRequest(`${process.env.APP_URL}${url.pathname}${url.search}`, { method: req.method, headers, body });
    const response = await handler(request, { params: Promise.resolve(m.params) });
    const out: Record<string, string | string[]> = {};
    response.headers.forEach((v, k) => (out[k] = v));
    const cookies = response.headers.getSetCookie();
    if (cookies.length) out['set-cookie'] = cookies;
    res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
  });
  // fetch (undici) reuses an idle connection for ~4 s; closing idle ones at Node's default 5 s raced a
  // reuse whenever a loaded machine ran the client's timer late (ECONNRESET in a rehearsal at load 28).
  // Tests end with close(), which drops idle connections at once.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
