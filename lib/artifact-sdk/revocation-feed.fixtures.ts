// Test fixture: a small real HTTP server standing in for a gateway's public side — discovery, JWKS
// and the revocation feed, in exactly the format of SPEC §9 (cursor paging included). Used by the
// SDK, example and artifact host tests only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';

const FEED_PATH = '/v1/app-gateway/revocations';

type FeedMode = 'ok' | 'server_error' | 'not_a_feed' | 'no_endpoint_in_discovery';
type FeedEntry = { sid: string } | { sub: string; org_id: string } | { sub: string; aud: string } | Record<string, string>;

export interface FeedServer {
  /** The issuer: discovery at `${origin}/.well-known/app-gateway`. */
  origin: string;
  feedUrl: string;
  jwksUrl: string;
  /** Path and query of every feed request, in order. */
  feedRequests: string[];
  keys: JWK[];
  mode: FeedMode;
  /** Entries per page. */
  pageSize: number;
  /** Appends an entry; `at` defaults to now. Returns the entry as served. */
  revoke(entry: FeedEntry, at?: Date): Record<string, string>;
  /** Forgets every entry, as a gateway restored from an old backup would: old cursors get a 400. */
  reset(): void;
  /** Resolves once the feed has been asked `count` more times than now. */
  nextRequests(count?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFeedServer(keys: JWK[] = []): Promise<FeedServer> {
  const entries: Array<Record<string, string>> = [];
  const waiters: Array<{ until: number; resolve: () => void }> = [];
  const state = { feedRequests: [] as string[], keys, mode: 'ok' as FeedMode, pageSize: 2 };
  let origin = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://feed.invalid');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'Access-Control-Allow-Origin': '*' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/jwks.json') return send(200, { keys: state.keys });
    if (url.pathname === '/.well-known/app-gateway') {
      const endpoint = state.mode === 'no_endpoint_in_discovery' ? {} : { revocation_endpoint: `${origin}${FEED_PATH}` };
      return send(200, { issuer: origin, jwks_uri: `${origin}/.well-known/jwks.json`, ...endpoint });
    }
    if (url.pathname !== FEED_PATH) return send(404, { code: 'not_found' });
    state.feedRequests.push(`${url.pathname}${url.search}`);
    for (const waiter of waiters.filter((w) => state.feedRequests.length >= w.until)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (state.mode === 'server_error') return send(503, { code: 'unavailable' });
    if (state.mode === 'not_a_feed') return send(200, { hello: 'world' });
    const after = url.searchParams.get('after');
    const start = after === null ? 0 : Number(/^c(\d+)$/.exec(after)?.[1] ?? NaN);
    if (!Number.isInteger(start) || start > entries.length) return send(400, { code: 'bad_request' });
    const page = entries.slice(start, start + state.pageSize);
    send(200, { revocations: page, cursor: `c${start + page.length}` });
  });

  origin = await new Promise<string>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });

  return Object.assign(state, {
    origin,
    feedUrl: `${origin}${FEED_PATH}`,
    jwksUrl: `${origin}/.well-known/jwks.json`,
    revoke(entry: FeedEntry, at = new Date()) {
      const served = { ...(entry as Record<string, string>), at: at.toISOString() };
      entries.push(served);
      return served;
    },
    reset() {
      entries.length = 0;
    },
    nextRequests(count = 1) {
      const until = state.feedRequests.length + count;
      return new Promise<void>((resolve) => waiters.push({ until, resolve }));
    },
    close: () => closeServer(server),
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
