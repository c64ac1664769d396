import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { clientResponseHeaders, switchingProtocolsHeaders } from './response-headers';
import type { UpstreamConnection } from './upstream-connections';

export interface ForwardTarget {
  upstreamUrl: string;
  headers: OutgoingHttpHeaders;
  /** Appends the renew script to an HTML page, so refreshed tokens renew the session without a reload. */
  renewScript: string | null;
  /** Added to every response, alongside any policy of the upstream's (both are enforced). */
  frameAncestors: string;
  /** The agent and guard every connection to the upstream goes through (ARTIFACT_PROXY_UPSTREAMS). */
  connection: UpstreamConnection;
}

/** The upstream request: same method, the path and query joined to the upstream's base path. */
function upstreamRequest(req: IncomingMessage, target: ForwardTarget, extra: OutgoingHttpHeaders = {}) {
  const base = new URL(target.upstreamUrl);
  const path = `${base.pathname.replace(/\/+$/, '')}${req.url ?? '/'}`;
  const request = base.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: OutgoingHttpHeaders = { ...target.headers, ...extra, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
  // A body without a length goes up chunked, whatever the method: never as unframed bytes.
  if (req.headers['transfer-encoding'] !== undefined) {
    delete headers['content-length'];
    headers['transfer-encoding'] = 'chunked';
  }
  // An IPv6 literal's brackets belong to the URL, not to the address Node connects to.
  const hostname = base.hostname.replace(/^\[(.*)\]$/, '$1');
  return request({ protocol: base.protocol, hostname, port: base.port, method: req.method, path, headers, ...target.connection });
}

/** Streams the request body up and the response down; nothing is buffered. */
export function forwardRequest(req: IncomingMessage, res: ServerResponse, target: ForwardTarget, onError: (err: Error) => void): void {
  const upstream = upstreamRequest(req, target);
  upstream.on('response', (answer) => {
    const headers = clientResponseHeaders(answer.headers);
    (headers as Record<string, string[]>)['content-security-policy'] = [...asList(answer.headers['content-security-policy']), target.frameAncestors];
    const inject =
      target.renewScript !== null &&
      req.method === 'GET' &&
      answer.statusCode === 200 &&
      /^text\/html\b/i.test(answer.headers['content-type'] ?? '') &&
      !answer.headers['content-encoding'];
    if (inject) delete headers['content-length'];
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
    res.flushHeaders(); // server-sent events: the client sees the headers before the first event
    answer.pipe(res, { end: !inject });
    if (inject) answer.on('end', () => res.end(target.renewScript));
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', (err) => {
    if (res.headersSent) res.destroy();
    else onError(err);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/** A WebSocket (or any) upgrade: the upstream's 101 goes back to the client and bytes flow both ways. */
export function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget, onError: (err: Error) => void): void {
  const upstream = upstreamRequest(req, target, { connection: 'Upgrade', upgrade: req.headers.upgrade ?? '' });
  upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
    const lines = [`HTTP/1.1 ${answer.statusCode ?? 101} ${answer.statusMessage ?? 'Switching Protocols'}`];
    for (const [name, value] of Object.entries(switchingProtocolsHeaders(answer.headers))) for (const v of asList(value)) lines.push(`${name}: ${v}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upstreamHead.length) socket.write(upstreamHead);
    if (head.length) upstreamSocket.write(head);
    upstreamSocket.pipe(socket).pipe(upstreamSocket);
    const close = () => {
      socket.destroy();
      upstreamSocket.destroy();
    };
    socket.on('error', close).on('close', close);
    upstreamSocket.on('error', close).on('close', close);
  });
  // The upstream declined to upgrade: relay its answer as is.
  upstream.on('response', (answer) => {
    const lines = [`HTTP/1.1 ${answer.statusCode ?? 502} ${answer.statusMessage ?? ''}`];
    const headers = clientResponseHeaders(answer.headers);
    for (const [name, value] of Object.entries(headers)) for (const v of asList(value)) lines.push(`${name}: ${v}`);
    lines.push('connection: close');
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    answer.on('error', () => socket.destroy());
    answer.pipe(socket);
  });
  upstream.on('error', onError);
  // The client left (or its token ended) before the upstream answered: no tunnel is left behind.
  socket.on('error', () => upstream.destroy()).on('close', () => upstream.destroy());
  upstream.end();
}

function asList(value: string | string[] | number | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}
