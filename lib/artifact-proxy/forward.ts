// Moving bytes is undici's (lib/artifact-proxy/upstream-connections.ts): its pooled, kept-alive
// connections, its HTTP/1.1 framing both ways, its WebSocket handshake. What goes up and what comes
// back is decided here and in the header modules: identity, cookies, CSP, the renew script.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import { createRedactor, type StreamRedactor } from './redact-stream';
import { UPSTREAM_NOT_ALLOWED, UPSTREAM_UNREACHABLE, type Refusal } from './refusal';
import { clientResponseHeaders, switchingProtocolsHeaders } from './response-headers';
import { UpstreamNotAllowed, type Upstream } from './upstream-connections';

export interface ForwardTarget {
  upstream: Upstream;
  /** What the upstream is sent: the client's headers as the policy leaves them, the identity set. */
  headers: Record<string, string | string[]>;
  /** Appended to an HTML page, so refreshed tokens renew the session without a reload. */
  renewScript: string | null;
  /** Added to every response, alongside any policy of the upstream's (both are enforced). */
  frameAncestors: string;
  /** The access token sent up (X-App-Gateway-Access-Token), if any: never sent back down. */
  accessToken: string | null;
}

/** What the client is told when the upstream gave no answer: one refusal for a disallowed upstream, whatever the port's state. */
const refusalOf = (err: Error): Refusal => (err instanceof UpstreamNotAllowed ? UPSTREAM_NOT_ALLOWED : UPSTREAM_UNREACHABLE);

class ClientLeft extends Error {
  override name = 'ClientLeft';
}

/**
 * Streams the request body up and the response down, nothing buffered. Resolves once the upstream's
 * answer has been relayed (or the client left), or with the refusal to send when it gave none.
 */
export function forwardRequest(req: IncomingMessage, res: ServerResponse, target: ForwardTarget): Promise<Refusal | null> {
  const { upstream, headers } = target;
  // A body goes up as it came: with its length, or chunked (undici frames it) — never as unframed bytes.
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if (req.headers['transfer-encoding'] !== undefined) delete headers['content-length'];
  return new Promise((done) => {
    const options = { origin: upstream.origin, path: `${upstream.basePath}${req.url ?? '/'}`, method: req.method ?? 'GET', headers, body: hasBody ? req : null };
    upstream.dispatcher.dispatch(options, new ResponseRelay(req, res, target, done));
  });
}

/** Writes the upstream's answer to the client as it arrives, the policy's headers in place of its own. */
class ResponseRelay implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | null = null;
  private clientLeft = false;
  private inject = false;
  private bodyStarted = false;
  /** Masks the access token sent up, should the upstream echo it in a body it did not encode. */
  private redactor: StreamRedactor | null = null;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly target: ForwardTarget,
    private readonly done: (refusal: Refusal | null) => void,
  ) {
    // The client left (or its token ended: open-streams.ts): the upstream request goes too.
    res.once('close', () => {
      if (res.writableFinished) return;
      this.clientLeft = true;
      this.controller?.abort(new ClientLeft());
    });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.clientLeft) controller.abort(new ClientLeft());
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, upstreamHeaders: Record<string, string | string[] | undefined>, statusMessage?: string): void {
    if (statusCode < 200) return; // 100 Continue, 103 Early Hints: the upstream's business
    const { req, res, target } = this;
    const headers = clientResponseHeaders(upstreamHeaders, target.accessToken);
    (headers as Record<string, string[]>)['content-security-policy'] = [...asList(upstreamHeaders['content-security-policy']), target.frameAncestors];
    this.inject =
      target.renewScript !== null &&
      req.method === 'GET' &&
      statusCode === 200 &&
      /^text\/html\b/i.test(String(upstreamHeaders['content-type'] ?? '')) &&
      upstreamHeaders['content-encoding'] === undefined;
    if (this.inject) delete headers['content-length'];
    // Asked for identity (identity-headers.ts); a body encoded anyway cannot be read, and passes as sent.
    if (target.accessToken !== null && upstreamHeaders['content-encoding'] === undefined) this.redactor = createRedactor(target.accessToken);
    res.writeHead(statusCode, statusMessage || undefined, headers);
    // Server-sent events: the client sees the headers before the first event. Most answers come with
    // their body in the same read, and then go out with it in one write instead of two.
    queueMicrotask(() => this.bodyStarted || res.destroyed || res.flushHeaders());
    res.on('drain', () => controller.resume());
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bodyStarted = true;
    const out = this.redactor ? this.redactor.push(chunk) : chunk;
    if (out.length > 0 && !this.res.write(out)) controller.pause();
  }

  onResponseEnd(): void {
    this.bodyStarted = true;
    const held = this.redactor?.end();
    if (held?.length) this.res.write(held);
    this.res.end(this.inject ? this.target.renewScript : undefined);
    this.done(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController, err: Error): void {
    // Mid-answer, or nobody to answer: the client's connection closes, as the upstream's did.
    if (this.res.headersSent || this.clientLeft) {
      this.res.destroy();
      return this.done(null);
    }
    this.done(refusalOf(err));
  }
}

/**
 * A WebSocket upgrade: undici makes the handshake with the upstream; its 101 goes back to the client
 * with the policy's headers, then bytes flow both ways. Resolves with the refusal to send when the
 * upstream gave no 101 (unreachable, not allowed, or it declined).
 */
export async function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget): Promise<Refusal | null> {
  // The client left (or its token ended) before the upstream answered: no tunnel is left behind.
  const leaving = new AbortController();
  const leave = () => leaving.abort(new ClientLeft());
  socket.once('close', leave);
  const { upstream } = target;
  const options = { origin: upstream.origin, path: `${upstream.basePath}${req.url ?? '/'}`, headers: target.headers, protocol: 'websocket', signal: leaving.signal };
  let upgraded: Dispatcher.UpgradeData;
  try {
    upgraded = await upstream.dispatcher.upgrade(options as Dispatcher.UpgradeOptions);
  } catch (err) {
    return socket.destroyed ? null : refusalOf(err as Error);
  } finally {
    socket.off('close', leave);
  }
  const tunnel = upgraded.socket;
  if (socket.destroyed) {
    tunnel.destroy();
    return null;
  }
  const lines = ['HTTP/1.1 101 Switching Protocols'];
  for (const [name, value] of Object.entries(switchingProtocolsHeaders(upgraded.headers, target.accessToken))) for (const v of asList(value)) lines.push(`${name}: ${v}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  if (head.length) tunnel.write(head);
  tunnel.pipe(socket).pipe(tunnel);
  const close = () => {
    socket.destroy();
    tunnel.destroy();
  };
  socket.on('error', close).on('close', close);
  tunnel.on('error', close).on('close', close);
  return null;
}

function asList(value: OutgoingHttpHeaders[string]): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [String(value)];
}
