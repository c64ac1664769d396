import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createVerifier, createViewerExchange } from '../../lib/artifact-sdk/index';
import { appLabel, labelOfHost } from '@/lib/gateway/apps/per-app-origin';
import { buildBrowserBundles } from './bundle';
import type { ArtifactHostConfig } from './config';
import { renderArtifactPage } from './page';
import { json, problem, securityHeaders, send, type Reply } from './responses';
import { viewerRuns, type ViewerRunsBackend } from './viewer-runs';
import { whoami } from './whoami';

export interface ArtifactHostOptions {
  /** One line per request (method, path, status, time); never headers, query or tokens. */
  log?: (line: string) => void;
}

/** The sample artifact host, not yet listening: each app on its own origin, routed by `Host`. Builds the browser bundles before returning. */
export async function createArtifactHostServer(config: ArtifactHostConfig, options: ArtifactHostOptions = {}): Promise<Server> {
  const log = options.log ?? (() => undefined);
  const bundles = await buildBrowserBundles();
  // Revocations on: a signed-out viewer's still-unexpired token is refused at the next feed poll.
  // Guests on (SPEC §15): people a share link or a public app let in are shown, plainly as guests.
  const verifier = createVerifier({
    issuer: config.gatewayOrigin,
    jwksUri: config.jwksUrl,
    revocations: true,
    guests: true,
    revocationEndpoint: config.revocationUrl,
  });
  const baseHeaders = securityHeaders(config.gatewayOrigin);
  const runs = viewerRunsBackend(config, verifier);

  async function route(req: IncomingMessage, pathname: string): Promise<Reply> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return problem(405, 'method_not_allowed', 'Method not allowed', 'Only GET and HEAD are served.', { Allow: 'GET, HEAD' });
    }
    if (pathname === '/healthz') return json(200, { status: 'ok' });
    const bundle = bundles.get(pathname);
    if (bundle !== undefined) return { status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' }, body: bundle };
    const label = labelOfHost(req.headers.host, config.domain);
    if (label !== null && pathname === '/') {
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: renderArtifactPage(label, config.gatewayOrigin, { runs: label === runs?.label }) };
    }
    if (label !== null && pathname === '/api/whoami') return whoami(verifier, label, req.headers.authorization);
    if (runs !== null && label === runs.label && pathname === '/api/runs') return viewerRuns(runs.backend, label, req.headers.authorization);
    return problem(404, 'not_found', 'Not found', 'No such page on the artifact host.');
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://artifact-host.invalid');
    route(req, url.pathname)
      .catch((err: unknown) => {
        log(`artifact host: unexpected ${err instanceof Error ? err.name : 'error'} on ${url.pathname}`);
        return problem(500, 'internal_error', 'Internal error', 'The artifact host failed to answer.');
      })
      .then((reply) => {
        send(res, reply, baseHeaders, req.method === 'HEAD');
        log(`${req.method} ${url.pathname} ${reply.status} ${Date.now() - started}ms`);
      })
      .catch(() => res.destroy());
  });
  server.on('close', () => verifier.close());
  return server;
}

/** The one app whose backend acts for its viewer on the demo platform API (SPEC §17), by its origin's label; null when not configured. */
function viewerRunsBackend(config: ArtifactHostConfig, verifier: ViewerRunsBackend['verifier']): { label: string; backend: ViewerRunsBackend } | null {
  const { viewerExchange, platformApi } = config;
  if (viewerExchange === null || platformApi === null) return null;
  const exchange = createViewerExchange({ issuer: config.gatewayOrigin, ...viewerExchange });
  return { label: appLabel(viewerExchange.clientId), backend: { verifier, exchange, platformApi, scope: viewerExchange.scope } };
}
