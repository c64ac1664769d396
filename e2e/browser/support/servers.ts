/**
 * The four servers a browser run needs, and how each is configured: the production gateway on a
 * fresh embedded database (the specs' own users added first), the sample artifact host with the plain
 * upstream and the demo platform API, and the artifact proxy. One definition for both browser runs: playwright.config.ts (Chromium)
 * and e2e/firefox (Firefox ESR), each on ports of its own.
 */
export interface BrowserWorld {
  /** The gateway's origin, `http://localhost:<port>`: its port is the only thing the gateway is told. */
  gatewayUrl: string;
  /** `apps.localhost:<port>`: each SDK artifact on `http://<label>.<domain>/` (SPEC §10). */
  artifactHostDomain: string;
  artifactHostHealthUrl: string;
  /** `proxy.localhost:<port>`: each proxied app on `http://<label>.<domain>/` (SPEC §11). */
  artifactProxyDomain: string;
  artifactProxyHealthUrl: string;
  plainUpstreamUrl: string;
  /** The demo platform API (SPEC §17), served by the artifact host process. */
  platformApiUrl: string;
  tokenTtlSeconds: number;
  /** A fresh embedded database for this run. */
  pgliteDir: string;
  /** Where the plain upstream logs each request it receives (JSON lines), for specs that check what reached it. */
  plainUpstreamRequestLog?: string;
}

export interface BrowserServer {
  name: 'gateway' | 'artifact-host' | 'artifact-proxy';
  /** A shell command, run from the repository's root. */
  command: string;
  /** Answers 200 once the server is ready. */
  url: string;
  /** How long it may take to answer, in ms. */
  timeout: number;
  env: Record<string, string>;
}

/** Every variable of this process that is set: the servers inherit them, then the world's own override. */
export function inheritedEnv(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function browserServers(world: BrowserWorld, inherited: Record<string, string> = inheritedEnv()): BrowserServer[] {
  // Where the artifact proxy may connect: the plain upstream only (its default would be port 3201).
  const proxyUpstreams = new URL(world.plainUpstreamUrl).host;
  return [
    {
      name: 'gateway',
      // The production build as `npm start` runs it: run `next build` first. Only PORT is set:
      // APP_URL follows it (http://localhost:<port> = gatewayUrl), as on a newcomer's first start.
      // Before it, the specs' own users are added to the fresh database (support/spec-users.ts).
      command: 'npx tsx e2e/browser/support/create-spec-users.ts && npm start',
      url: `${world.gatewayUrl}/healthz`,
      timeout: 120_000,
      env: {
        ...inherited,
        DATABASE_URL: '', // never a shared database: the embedded one in PGLITE_DIR
        PORT: new URL(world.gatewayUrl).port,
        APP_URL: '',
        HOSTNAME: '',
        TRUSTED_PROXY_COUNT: '',
        PGLITE_DIR: world.pgliteDir,
        ARTIFACT_HOST_DOMAIN: world.artifactHostDomain,
        ARTIFACT_PROXY_DOMAIN: world.artifactProxyDomain,
        ARTIFACT_PLAIN_UPSTREAM_URL: world.plainUpstreamUrl,
        ARTIFACT_PROXY_UPSTREAMS: proxyUpstreams,
        ARTIFACT_PROXY_SECRET: '',
        APP_TOKEN_TTL_SECONDS: String(world.tokenTtlSeconds),
        // Blank = unset: secrets are generated beside the fresh database, password sign-in is on.
        AUTH_SECRET: '',
        APP_TOKEN_KEY_SECRET: '',
        AUTH_CREDENTIALS: '',
        RATE_LIMIT_MINTS_PER_MINUTE: '',
        // The server runs as in production, where webhooks go to public https only: the webhook
        // spec's receiver listens on http://127.0.0.1.
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
        NEXT_TELEMETRY_DISABLED: '1',
      },
    },
    {
      name: 'artifact-host',
      command: 'npx tsx e2e/artifact-host/server.ts',
      url: world.artifactHostHealthUrl,
      timeout: 60_000,
      env: {
        ...inherited,
        ARTIFACT_HOST_DOMAIN: world.artifactHostDomain,
        ARTIFACT_PLAIN_UPSTREAM_URL: world.plainUpstreamUrl,
        ARTIFACT_PLAIN_UPSTREAM_REQUEST_LOG: world.plainUpstreamRequestLog ?? '',
        DEMO_PLATFORM_API_URL: world.platformApiUrl,
        APP_URL: world.gatewayUrl,
        GATEWAY_JWKS_URL: '',
        GATEWAY_TOKEN_URL: '',
      },
    },
    {
      name: 'artifact-proxy',
      command: 'npx tsx lib/artifact-proxy/main.ts',
      url: world.artifactProxyHealthUrl,
      timeout: 60_000,
      // The gateway's own embedded secrets (beside PGLITE_DIR) give both the same proxy keys.
      env: {
        ...inherited,
        DATABASE_URL: '',
        PGLITE_DIR: world.pgliteDir,
        AUTH_SECRET: '',
        APP_TOKEN_KEY_SECRET: '',
        ARTIFACT_PROXY_SECRET: '',
        ARTIFACT_PROXY_PORT: '',
        ARTIFACT_PROXY_GATEWAY_URL: '',
        APP_URL: world.gatewayUrl,
        ARTIFACT_PROXY_DOMAIN: world.artifactProxyDomain,
        // The same list as the gateway's: the proxy checks it again at every connection.
        ARTIFACT_PROXY_UPSTREAMS: proxyUpstreams,
      },
    },
  ];
}
