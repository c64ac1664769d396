import { z } from 'zod';
import { artifactDomainProblem } from '@/lib/gateway/apps/per-app-origin';
import { demoUpstreamAllowList, parseUpstreamAllowList, type UpstreamAllowList } from '@/lib/gateway/apps/upstream-allowlist';
import { DEMO_APP_CLIENT_SECRET_DEFAULT } from '@/lib/gateway/demo/demo-world';
import { isWellFormedClientSecret } from '@/lib/gateway/exchange/credential-secret';
import { loadEmbeddedSecrets } from './embedded-secrets';

// The one place that reads process.env. Empty strings count as missing.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(blankToUndefined, schema.default(fallback as never));
const origin = z.url().transform((u) => new URL(u).origin);
const artifactDomain = z.string().trim().refine((v) => artifactDomainProblem(v) === null, {
  message: 'must be a host name with an optional port, like apps.example.com or apps.localhost:3100',
});
const upstreamAllowList = z.string().transform((text, ctx): UpstreamAllowList => {
  try {
    return parseUpstreamAllowList(text);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
/** AUTH_SECRET: one secret, or several separated by commas (rotation: the first is the current one). */
const secretList = z.string().transform((text, ctx): string[] => {
  const list = text.split(',').map((s) => s.trim());
  // Never the secrets themselves in a message: positions and lengths only.
  const problem = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (list.some((s) => s === '')) return problem('an empty secret in the list (two commas in a row, or one at either end)');
  for (const [i, s] of list.entries()) {
    const which = list.length > 1 ? `secret ${i + 1} of ${list.length}` : 'the secret';
    if (s.length < 32) return problem(`must be at least 32 characters: ${which} has ${s.length} (secrets are separated by commas)`);
    if (list.indexOf(s) !== i) return problem(`${which} repeats secret ${list.indexOf(s) + 1}`);
  }
  return list;
});

const schema = z.object({
  NODE_ENV: withDefault(z.enum(['development', 'production', 'test']), 'development'),
  PORT: withDefault(z.coerce.number().int().min(1).max(65535), 3000),
  // The address the production server (lib/platform/server) binds; unset = every interface (IPv4 and IPv6).
  HOSTNAME: optional(z.string()),
  // Unset: http://localhost:$PORT.
  APP_URL: optional(origin),
  // How many proxies in front append to X-Forwarded-For; 0 = clients connect directly.
  TRUSTED_PROXY_COUNT: withDefault(z.coerce.number().int().min(0).max(10), 0),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')),
  /** A direct connection (not through a transaction-mode pooler) for migrations and their session advisory lock. */
  DATABASE_MIGRATION_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')),
  /** DATABASE_URL goes through PgBouncer in transaction pooling mode: no named prepared statements. */
  DATABASE_PGBOUNCER: optional(bool),
  DATABASE_POOL_MAX: withDefault(z.coerce.number().int().min(1).max(200), 10),
  PGLITE_DIR: withDefault(z.string(), '.data/pglite'),
  /**
   * Seals and opens the session cookies. A comma-separated list rotates: the first seals new cookies,
   * every one listed opens them (SECURITY.md). Keys derived from it for anything else use the first.
   */
  AUTH_SECRET: optional(secretList),
  APP_TOKEN_KEY_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  AUTH_CREDENTIALS: optional(bool),
  AUTH_OIDC_ISSUER: optional(z.url()),
  AUTH_OIDC_ID: optional(z.string()),
  AUTH_OIDC_SECRET: optional(z.string()),
  AUTH_OIDC_NAME: withDefault(z.string(), 'Single sign-on'),
  /** The claim whose values set the person's `oidc` groups at each OIDC sign-in (SPEC §18). */
  AUTH_OIDC_GROUPS_CLAIM: withDefault(z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be a claim name'), 'groups'),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  APP_TOKEN_TTL_SECONDS: withDefault(z.coerce.number().int().min(60).max(3600), 300),
  SESSION_MAX_AGE_SECONDS: withDefault(z.coerce.number().int().min(300).max(30 * 86400), 28800),
  RATE_LIMIT_MINTS_PER_MINUTE: withDefault(z.coerce.number().int().min(0).max(100000), 30),
  /** Share links opened and public apps' guest sessions started per client address and minute (SPEC §15); 0 = off. */
  RATE_LIMIT_GUEST_OPENS_PER_MINUTE: withDefault(z.coerce.number().int().min(0).max(100000), 30),
  /** Access tokens one app may obtain at the token endpoint per minute (SPEC §17); 0 = off. */
  RATE_LIMIT_EXCHANGES_PER_MINUTE: withDefault(z.coerce.number().int().min(0).max(100000), 600),
  /** Each demo app gets `http://<label>.<ARTIFACT_HOST_DOMAIN>/` on the sample artifact host (SPEC §10). */
  ARTIFACT_HOST_DOMAIN: withDefault(artifactDomain, 'apps.localhost:3100'),
  /** Each proxied app is served at `http://<label>.<ARTIFACT_PROXY_DOMAIN>/` (SPEC §11). */
  ARTIFACT_PROXY_DOMAIN: withDefault(artifactDomain, 'proxy.localhost:3200'),
  ARTIFACT_PROXY_PORT: optional(z.coerce.number().int().min(1).max(65535)),
  /** Where the proxy reaches the gateway (JWKS, upstream look-up); unset → APP_URL. */
  ARTIFACT_PROXY_GATEWAY_URL: optional(origin),
  ARTIFACT_PLAIN_UPSTREAM_URL: withDefault(origin, 'http://127.0.0.1:3201'),
  /**
   * Where the artifact proxy may connect: hosts, host:ports, CIDRs, each optionally `<orgId>=<entry>`;
   * unset → ARTIFACT_PLAIN_UPSTREAM_URL's host:port only. Read by the gateway and the proxy alike.
   */
  ARTIFACT_PROXY_UPSTREAMS: optional(upstreamAllowList),
  /** Shared by the gateway and the artifact proxy; unset → derived from AUTH_SECRET. */
  ARTIFACT_PROXY_SECRET: optional(z.string().min(32, 'must be at least 32 characters')),
  /**
   * The sample dashboard's client secret in the demo world: the seed stores its hash, the artifact
   * host exchanges with it (SPEC §17). The default is public, like the demo password.
   */
  DEMO_APP_CLIENT_SECRET: withDefault(z.string().refine(isWellFormedClientSecret, 'must be a client secret: agw_cs_ and 43 letters, digits, _ or -'), DEMO_APP_CLIENT_SECRET_DEFAULT),
  DB_TIMEOUT_MS: withDefault(z.coerce.number().int().min(100).max(30000), 3000),
  KEY_PUBLISH_AHEAD_SECONDS: withDefault(z.coerce.number().int().min(0).max(86400), 900),
  METRICS_TOKEN: optional(z.string().min(16, 'must be at least 16 characters')),
  /** OTLP/HTTP collector base URL (spans go to <url>/v1/traces); unset → no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: optional(z.url()),
  OTEL_SERVICE_NAME: withDefault(z.string(), 'app-gateway'),
  AUDIT_RETENTION_DAYS: withDefault(z.coerce.number().int().min(1).max(36500), 400),
  /** Webhook endpoints over plain http (production accepts https only otherwise). */
  WEBHOOK_ALLOW_HTTP: optional(bool),
  /** Webhook endpoints on private, loopback or link-local addresses (refused in production otherwise). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: optional(bool),
  LOG_LEVEL: withDefault(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
});

export type Env = Omit<z.infer<typeof schema>, 'AUTH_SECRET'> & {
  APP_URL: string;
  ARTIFACT_PROXY_UPSTREAMS: UpstreamAllowList;
  /** The current secret: the first of AUTH_SECRET's list. Seals new session cookies; anything else derived from AUTH_SECRET uses it alone. */
  AUTH_SECRET: string;
  /** Every secret AUTH_SECRET lists, the current one first: each opens session cookies (lib/auth/sessions/session-decoder.ts). */
  AUTH_SECRETS: string[];
  APP_TOKEN_KEY_SECRET: string;
  embedded: boolean;
  credentialsEnabled: boolean;
};

export class EnvError extends Error {
  override name = 'EnvError';
}

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const embedded = !e.DATABASE_URL;
  if (e.DATABASE_PGBOUNCER && e.DATABASE_URL && !e.DATABASE_MIGRATION_URL) {
    throw new EnvError(
      'Invalid configuration:\n  - DATABASE_MIGRATION_URL: required with DATABASE_PGBOUNCER=true — a direct connection to\n' +
        '    PostgreSQL (or a session-mode pool) for migrations, which hold a session advisory lock.',
    );
  }
  let { AUTH_SECRET: AUTH_SECRETS, APP_TOKEN_KEY_SECRET } = e;
  if (!AUTH_SECRETS || !APP_TOKEN_KEY_SECRET) {
    if (!embedded && e.NODE_ENV === 'production') {
      const missing = [!AUTH_SECRETS && 'AUTH_SECRET', !APP_TOKEN_KEY_SECRET && 'APP_TOKEN_KEY_SECRET'].filter(Boolean);
      throw new EnvError(
        `Refusing to start: ${missing.join(' and ')} must be set in production with DATABASE_URL.\n` +
          `  Generate each with: openssl rand -base64 48`,
      );
    }
    // Embedded database, or development against PostgreSQL: generate once and keep them on disk.
    const kept = loadEmbeddedSecrets(e.PGLITE_DIR);
    AUTH_SECRETS ??= [kept.AUTH_SECRET];
    APP_TOKEN_KEY_SECRET ??= kept.APP_TOKEN_KEY_SECRET;
  }
  const APP_URL = e.APP_URL ?? `http://localhost:${e.PORT}`;
  // Auth.js builds its callback URLs from AUTH_URL when set, never from Host / X-Forwarded-Host.
  process.env.AUTH_URL = APP_URL;
  return {
    ...e,
    APP_URL,
    AUTH_SECRET: AUTH_SECRETS[0]!,
    AUTH_SECRETS,
    APP_TOKEN_KEY_SECRET,
    ARTIFACT_PROXY_UPSTREAMS: e.ARTIFACT_PROXY_UPSTREAMS ?? demoUpstreamAllowList(e.ARTIFACT_PLAIN_UPSTREAM_URL),
    embedded,
    credentialsEnabled: e.AUTH_CREDENTIALS ?? embedded,
  };
}

const store = globalThis as unknown as { __appGatewayEnv?: Env };

/** The validated configuration, parsed on first use. */
export function env(): Env {
  store.__appGatewayEnv ??= load();
  return store.__appGatewayEnv;
}

/** Forgets the parsed configuration: the next env() reads process.env again, as a new process would. */
export function resetEnv(): void {
  store.__appGatewayEnv = undefined;
}
