import type { JWK } from 'jose';
import { getDb } from '@/db/client';
import { withDeadline } from '@/db/deadline';
import { env } from '@/lib/platform/config/env';
import { log } from '@/lib/platform/log';
import { signerFor, type Signer } from '../mint/sign';
import { decryptPrivateJwk, importPrivateKey } from './key-crypto';
import { isPublished, withStates } from './key-states';
import { listSigningKeys } from './key-store';

type Snapshot = { signing: Signer | null; jwks: JWK[]; loadedAt: number };

/** How long a snapshot of the keys is used before it is reloaded in the background. */
const REFRESH_MS = 30_000;

const store = globalThis as unknown as { __appGatewayKeyring?: { snapshot?: Snapshot; loading?: Promise<Snapshot> } };
const ring = () => (store.__appGatewayKeyring ??= {});

async function load(): Promise<Snapshot> {
  const db = await getDb();
  const keys = withStates(await withDeadline(listSigningKeys(db), env().DB_TIMEOUT_MS), new Date());
  const published = keys.filter(isPublished);
  const active = keys.find((k) => k.state === 'active');
  let signing: Signer | null = null;
  if (active) {
    const previous = ring().snapshot?.signing;
    if (previous?.kid === active.kid) signing = previous; // imported once, reused
    else {
      try {
        const jwk = decryptPrivateJwk(active.privateKeyEnc, active.kid, env().APP_TOKEN_KEY_SECRET);
        signing = signerFor(active.kid, importPrivateKey(jwk));
      } catch {
        log.error('signing_key_unusable', { kid: active.kid, reason: 'cannot decrypt with APP_TOKEN_KEY_SECRET' });
      }
    }
  }
  return { signing, jwks: published.map((k) => k.publicJwk as JWK), loadedAt: Date.now() };
}

function reload(): Promise<Snapshot> {
  const r = ring();
  r.loading ??= load()
    .then((s) => (r.snapshot = s))
    .finally(() => (r.loading = undefined));
  return r.loading;
}

/** The current keys; a stale snapshot is served while a fresh one loads, so the JWKS outlives a database outage. */
export async function keySnapshot(): Promise<Snapshot> {
  const s = ring().snapshot;
  if (!s) return reload();
  if (Date.now() - s.loadedAt > REFRESH_MS) {
    reload().catch(() => log.warn('keyring_refresh_failed', {}));
  }
  return s;
}

/** Forgets the keys and any load under way: the next use reads them again, as a new process would. */
export function resetKeyring(): void {
  store.__appGatewayKeyring = undefined;
}

/** Forget the snapshot after a rotation or revocation done by this process. */
export async function refreshKeys(): Promise<Snapshot> {
  ring().snapshot = undefined;
  return reload();
}
