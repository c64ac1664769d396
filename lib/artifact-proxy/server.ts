import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createAccessTokens } from './access-tokens';
import { bootstrapPageCsp, bootstrapPageHtml, type BootstrapCause } from './bootstrap-page';
import type { ArtifactProxyConfig } from './config';
import { forwardRequest, forwardUpgrade } from './forward';
import { createOpenStreams } from './open-streams';
import { refuseOnSocket, sendRefusal } from './problem-response';
import { proxiedRequests } from './proxied-request';
import { MALFORMED_REQUEST, UNCHECKED_SESSION } from './refusal';
import { buildProxyScripts } from './scripts';
import { upstreamConnections } from './upstream-connections';
import type { UpstreamDirectory } from './upstreams';
import type { SessionVerifier } from './verify';

/** The gateway's token endpoint (SPEC §17), reached at the proxy's gateway URL like the look-up. */
const TOKEN_PATH = '/v1/app-gateway/token';

export interface ArtifactProxyDeps {
  directory: UpstreamDirectory;
  verifier: SessionVerifier;
  /** One line per request (method, host, path, status); never tokens, cookies or queries. */
  log?: (line: string) => void;
  /** The clock of the access tokens kept per session (when to exchange again); Date.now unless a test moves it. */
  now?: () => number;
}

/** The artifact proxy (SPEC §11), not yet listening. Compiles its browser scripts before returning. */
export async function createArtifactProxyServer(config: ArtifactProxyConfig, deps: ArtifactProxyDeps): Promise<Server> {
  const scripts = await buildProxyScripts(config.gatewayOrigin);
  const connections = upstreamConnections(config.upstreams);
  const streams = createOpenStreams(deps.verifier);
  const accessTokens = createAccessTokens({ gatewayOrigin: config.gatewayOrigin, tokenEndpoint: new URL(TOKEN_PATH, config.gatewayUrl).href, verifier: deps.verifier, now: deps.now });
  const decide = proxiedRequests(config, { directory: deps.directory, verifier: deps.verifier, scripts, connections, accessTokens });
  const bootstrapPages: Record<BootstrapCause, string> = { check: bootstrapPageHtml('check', scripts.bootstrapPath), no_session: bootstrapPageHtml('no_session', scripts.bootstrapPath) };
  const bootstrapHeaders = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': bootstrapPageCsp(config.gatewayOrigin),
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
  // Each script's path names its bytes (scripts.ts): kept by the browser for good, fetched once, not on every load.
  const scriptHeaders = { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' };

  /** Each outcome written once: a refusal as a problem, the proxy's own answers, or the upstream's. */
  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const outcome = await decide.request(req);
    if (!outcome.ok) return sendRefusal(res, outcome);
    const head = req.method === 'HEAD';
    switch (outcome.kind) {
      case 'healthy':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      case 'script':
        return void res.writeHead(200, scriptHeaders).end(head ? undefined : outcome.source);
      case 'bootstrap':
        res.writeHead(200, outcome.setCookie === undefined ? bootstrapHeaders : { ...bootstrapHeaders, 'set-cookie': outcome.setCookie });
        return void res.end(head ? undefined : bootstrapPages[outcome.cause]);
      case 'session':
        return void res.writeHead(204, { 'set-cookie': outcome.setCookie, 'cache-control': 'no-store' }).end();
      case 'forward': {
        res.once('close', streams.track(res, outcome.session));
        const unanswered = await forwardRequest(req, res, outcome.target);
        if (unanswered !== null) sendRefusal(res, unanswered);
      }
    }
  }

  async function tunnel(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const outcome = await decide.upgrade(req);
    if (!outcome.ok) return refuseOnSocket(socket, outcome);
    socket.once('close', streams.track(socket, outcome.session));
    const unanswered = await forwardUpgrade(req, socket, head, outcome.target);
    if (unanswered !== null) refuseOnSocket(socket, unanswered);
  }

  const log = deps.log;
  const server = createServer({ requireHostHeader: true }, (req, res) => {
    if (log) {
      const started = Date.now();
      res.on('finish', () => log(`${req.method} ${req.headers.host ?? '-'} ${(req.url ?? '/').split('?')[0]} ${res.statusCode} ${Date.now() - started}ms`));
    }
    // Only a fault of the proxy's own gets here: fail closed.
    respond(req, res).catch(() => (res.headersSent ? res.destroy() : sendRefusal(res, UNCHECKED_SESSION)));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    tunnel(req, socket, head).catch(() => socket.destroy());
  });
  // Malformed requests (smuggling attempts included) are refused by Node's parser: answer 400 and close.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) refuseOnSocket(socket, MALFORMED_REQUEST);
    else socket.destroy();
  });
  server.on('close', () => void connections.close());
  return server;
}
