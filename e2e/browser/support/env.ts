/**
 * The browser suite's world: where each server listens and how it is configured. `npm test` runs the
 * specs that change shared state (E2E_WORLD=serial) beside the others (E2E_WORLD=parallel), each
 * against servers and a database of its own, so the serial world listens on ports of its own.
 */
const SERIAL_WORLD = process.env.E2E_WORLD === 'serial';
const port = (offset: number, base: number) => (SERIAL_WORLD ? 3500 : base) + offset;
export const GATEWAY_URL = `http://localhost:${port(0, 3300)}`;
/** Each app on its own origin `http://<label>.<domain>/`, a different site from the gateway (SPEC §10). */
export const ARTIFACT_HOST_DOMAIN = `apps.localhost:${port(1, 3100)}`;
/** Where Node (which does not resolve *.localhost) reaches the artifact host. */
export const ARTIFACT_HOST_HEALTH_URL = `http://127.0.0.1:${port(1, 3100)}/healthz`;
/** The artifact proxy (SPEC §11) and the plain upstream it serves. */
export const ARTIFACT_PROXY_DOMAIN = `proxy.localhost:${port(2, 3100)}`;
export const ARTIFACT_PROXY_HEALTH_URL = `http://127.0.0.1:${port(2, 3100)}/.app-gateway/healthz`;
export const PLAIN_UPSTREAM_URL = `http://127.0.0.1:${port(3, 3100)}`;
/** The demo platform API (SPEC §17), served by the artifact host process. */
export const PLATFORM_API_URL = `http://127.0.0.1:${port(4, 3100)}`;
/** Where the plain upstream writes one JSON line per request it receives (this run's, beside its database). */
export const plainUpstreamRequestLog = () => `${process.env.E2E_PGLITE_DIR}.plain-upstream.jsonl`;

/** The origin of an app under an artifact domain (the app id in DNS form). */
export const appOrigin = (appId: string, domain = ARTIFACT_HOST_DOMAIN) => `http://${appId.toLowerCase().replace(/_/g, '-')}.${domain}`;
/** The shortest lifetime the gateway allows, so one test can watch a renewal (at 80%: ~48 s). */
export const TOKEN_TTL_SECONDS = 60;
export const DEMO_PASSWORD = 'demo-password';

export const DEMO = {
  alice: { email: 'alice@acme.test', name: 'Alice Anders', id: 'usr_alice' },
  bob: { email: 'bob@globex.test', name: 'Bob Bauer', id: 'usr_bob' },
  carol: { email: 'carol@example.test', name: 'Carol Chen', id: 'usr_carol' },
  dave: { email: 'dave@example.test', name: 'Dave Diaz', id: 'usr_dave' },
} as const;

export type DemoUser = keyof typeof DEMO;

/** Where the setup project leaves each demo user's signed-in browser state (valid only for this run's database). */
export function storageStatePath(user: DemoUser): string {
  const dir = process.env.E2E_PGLITE_DIR;
  if (!dir) throw new Error('E2E_PGLITE_DIR is not set: run the browser suite through playwright.config.ts');
  return `${dir}.auth/${user}.json`;
}
