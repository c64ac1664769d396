/** The browser suite's world: where each server listens and how it is configured. */
export const GATEWAY_URL = 'http://localhost:3300';
/** A different site from the gateway (another host, not just another port). */
export const ARTIFACT_HOST_URL = 'http://127.0.0.1:3101';
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
