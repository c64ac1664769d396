import { Agent, buildConnector, type Dispatcher } from 'undici';
import type { ProxiedApp } from '@/lib/gateway/apps/proxied-apps';
import { upstreamAddressAllowed, type UpstreamAllowList } from '@/lib/gateway/apps/upstream-allowlist';
import { guardedLookup, literalRefusal } from '@/lib/platform/net/guarded-lookup';

/** The proxy would not connect: ARTIFACT_PROXY_UPSTREAMS does not allow the address. Decided before any packet is sent. */
export class UpstreamNotAllowed extends Error {
  override name = 'UpstreamNotAllowed';
  constructor() {
    super('the upstream is not allowed by ARTIFACT_PROXY_UPSTREAMS');
  }
}

/** Where and how an app's requests go: worked out once per app, not per request. */
export interface Upstream {
  dispatcher: Dispatcher;
  /** `http://host:port`, what undici's pools are keyed by. */
  origin: string;
  /** The upstream URL's path without its trailing slashes, joined before each request's target. */
  basePath: string;
  /** The `Host` the upstream is sent. */
  host: string;
}

export interface UpstreamConnections {
  of(app: ProxiedApp): Upstream;
  /** Closes every kept-alive connection (once the proxy stops). */
  close(): Promise<void>;
}

const refusal = () => new UpstreamNotAllowed();

/**
 * A connector for one org: every new connection's address checked against `list` for that org and
 * the upstream's name and port — a literal as it is (Node skips `lookup` for literals), a name
 * through a lookup that checks each address it resolves to, at connect time (no DNS rebinding).
 */
function guardedConnector(list: UpstreamAllowList, orgId: string): buildConnector.connector {
  const perOrigin = new Map<string, buildConnector.connector>();
  return (options, callback) => {
    const url = new URL(`${options.protocol}//${options.host ?? options.hostname}/`);
    const allows = (address: string) => upstreamAddressAllowed(list, orgId, url, address);
    const refused = literalRefusal(options.hostname, allows, refusal);
    if (refused) return callback(refused, null);
    let connect = perOrigin.get(url.origin);
    if (connect === undefined) {
      // HTTP/1.1 only: what the proxy's policy (hop-by-hop headers, upgrades) is written for.
      connect = buildConnector({ allowH2: false, lookup: guardedLookup(allows, refusal) });
      perOrigin.set(url.origin, connect);
    }
    connect(options, callback);
  };
}

/**
 * Kept-alive connections to the upstreams (undici), pooled per org: a connection opened for one
 * org's app is never reused for another org's, whose entries in the list may differ.
 */
export function upstreamConnections(list: UpstreamAllowList): UpstreamConnections {
  const agents = new Map<string, Agent>();
  const made = new WeakMap<ProxiedApp, Upstream>();
  const agentOf = (orgId: string) => {
    let agent = agents.get(orgId);
    if (agent === undefined) {
      // No body or headers timeout: server-sent events and long polls stay open as long as the client does.
      agent = new Agent({ connect: guardedConnector(list, orgId), headersTimeout: 0, bodyTimeout: 0 });
      agents.set(orgId, agent);
    }
    return agent;
  };
  return {
    // The directory hands out the same app object while its answer is cached, so a request allocates nothing here.
    of(app) {
      let upstream = made.get(app);
      if (upstream === undefined) {
        const url = new URL(app.upstreamUrl);
        upstream = { dispatcher: agentOf(app.orgId), origin: url.origin, basePath: url.pathname.replace(/\/+$/, ''), host: url.host };
        made.set(app, upstream);
      }
      return upstream;
    },
    close: async () => void (await Promise.all([...agents.values()].map((agent) => agent.close()))),
  };
}
