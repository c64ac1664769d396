import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver answered 2xx: which endpoint (path), the Standard Webhooks id, the event. */
type ReceivedWebhook = { path: string; webhookId: string; eventId: string; jti: string | null; headers: Record<string, string>; body: string };

/**
 * An audit webhook receiver on a free loopback port, serving any number of endpoints (one per path).
 * `mode`: 'up' answers 204 after `delayMs`; 'down' answers 503; 'hold' keeps each request open
 * without answering (as a stuck receiver would) and calls `onHeld`. It notes every time two
 * requests for the same webhook-id and endpoint were open at once (`overlaps`), and the most requests
 * one endpoint had open at once (`maxInFlight`).
 */
export async function startWebhookReceiver() {
  const state = {
    mode: 'up' as 'up' | 'down' | 'hold',
    delayMs: 0,
    received: [] as ReceivedWebhook[],
    requests: 0,
    overlaps: [] as string[],
    maxInFlight: 0,
    onHeld: null as (() => void) | null,
  };
  const open = new Map<string, number>();
  const openPerPath = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, by: number) => {
    const n = (map.get(key) ?? 0) + by;
    if (n === 0) map.delete(key);
    else map.set(key, n);
    return n;
  };
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const webhookId = String(req.headers['webhook-id'] ?? '');
    const key = `${path} ${webhookId}`;
    state.requests++;
    if (bump(open, key, 1) > 1) state.overlaps.push(key);
    state.maxInFlight = Math.max(state.maxInFlight, bump(openPerPath, path, 1));
    const done = () => {
      bump(open, key, -1);
      bump(openPerPath, path, -1);
    };
    try {
      let body = '';
      for await (const c of req) body += c;
      if (state.mode === 'hold') {
        req.socket.once('close', done);
        state.onHeld?.();
        return;
      }
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      if (state.mode === 'down') return void (done(), res.writeHead(503).end());
      const data = (JSON.parse(body) as { data: { id: string; jti: string | null } }).data;
      state.received.push({ path, webhookId, eventId: data.id, jti: data.jti, headers: req.headers as Record<string, string>, body });
      done();
      res.writeHead(204).end();
    } catch {
      done();
      res.writeHead(400).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    url: (path = '/audit') => `${origin}${path}`,
    /** The events one endpoint accepted, each once, in the order they first arrived. */
    eventIds: (path = '/audit') => [...new Set(state.received.filter((r) => r.path === path).map((r) => r.eventId))],
    /** Resolves when the next request is held open (mode 'hold'). */
    nextHeld: () => new Promise<void>((r) => (state.onHeld = () => ((state.onHeld = null), r()))),
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
