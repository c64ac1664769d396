import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
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

/** The refusal answered for an upstream that is not allowed: one answer, whether or not anything listens there. */
export const UPSTREAM_NOT_ALLOWED = {
  status: 502,
  code: 'upstream_not_allowed',
  title: 'Bad gateway',
  detail: 'The artifact proxy may not connect to this app’s server: it is not allowed in ARTIFACT_PROXY_UPSTREAMS.',
} as const;

type Guard = { scope: string; allows: (address: string) => boolean };
type Callback = (err: Error | null, stream: Duplex) => void;
const GUARD = 'appGatewayUpstreamGuard';

const refusal = () => new UpstreamNotAllowed();
const guardOf = (options: unknown): Guard | undefined => (options as Record<string, Guard | undefined> | undefined)?.[GUARD];

/** Every new connection: the literal checked as it is, a name through a lookup that checks each address. */
function guardedConnect(options: http.ClientRequestArgs, callback: Callback | undefined, connect: (o: http.ClientRequestArgs, cb?: Callback) => Duplex | null | undefined) {
  const guard = guardOf(options);
  const refused = guard ? literalRefusal(String(options.host ?? ''), guard.allows, refusal) : refusal();
  if (refused) {
    callback?.(refused, undefined as unknown as Duplex);
    return undefined;
  }
  return connect({ ...options, lookup: guardedLookup(guard!.allows, refusal) }, callback);
}

// Pooled per org (the guard's scope): a kept-alive connection opened for one org's app is never
// reused for another org's, whose entries may differ.
class GuardedHttpAgent extends http.Agent {
  override getName(options?: http.ClientRequestArgs): string {
    return `${super.getName(options)}:${guardOf(options)?.scope ?? ''}`;
  }
  override createConnection(options: http.ClientRequestArgs, callback?: Callback) {
    return guardedConnect(options, callback, (o, cb) => super.createConnection(o, cb));
  }
}

class GuardedHttpsAgent extends https.Agent {
  override getName(options?: https.RequestOptions): string {
    return `${super.getName(options)}:${guardOf(options)?.scope ?? ''}`;
  }
  override createConnection(options: https.RequestOptions, callback?: Callback) {
    return guardedConnect(options, callback, (o, cb) => super.createConnection(o, cb));
  }
}

/** Request options (agent and guard) that make every connection to an app's upstream pass ARTIFACT_PROXY_UPSTREAMS. */
export type UpstreamConnection = { agent: http.Agent; [GUARD]: Guard };

/** One pair of keep-alive agents per proxy (as Node's global agent), each connection checked against `list`. */
export function upstreamConnections(list: UpstreamAllowList): { of(app: ProxiedApp): UpstreamConnection } {
  const agentOptions = { keepAlive: true, scheduling: 'lifo' as const, timeout: 5_000 };
  const agents = { http: new GuardedHttpAgent(agentOptions), https: new GuardedHttpsAgent(agentOptions) };
  // One per app object: the directory hands out the same object while its answer is cached, so a
  // request allocates nothing here.
  const made = new WeakMap<ProxiedApp, UpstreamConnection>();
  return {
    of(app) {
      let connection = made.get(app);
      if (connection === undefined) {
        const url = new URL(app.upstreamUrl);
        connection = {
          agent: url.protocol === 'https:' ? agents.https : agents.http,
          [GUARD]: { scope: app.orgId, allows: (address) => upstreamAddressAllowed(list, app.orgId, url, address) },
        };
        made.set(app, connection);
      }
      return connection;
    },
  };
}
