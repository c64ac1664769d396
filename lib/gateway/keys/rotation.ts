import { sql } from 'drizzle-orm';
import { databaseDriver, getDb, type Database } from '@/db/client';
import { env } from '@/lib/platform/config/env';
import { refusal, type Result } from '../errors';
import { encryptPrivateJwk, generateSigningKey } from './key-crypto';
import { withStates, type KeyWithState } from './key-states';
import { insertSigningKey, listSigningKeys, setKeyActivation, setKeyRevoked } from './key-store';
import { refreshKeys } from './keyring';

const FIRST_KEY_LOCK = 727275;

export async function listKeys(): Promise<KeyWithState[]> {
  return withStates(await listSigningKeys(await getDb()), new Date());
}

async function createKey(activatesAt: Date, db?: Database): Promise<string> {
  const { kid, publicJwk, privateJwk } = await generateSigningKey();
  const privateKeyEnc = encryptPrivateJwk(privateJwk, kid, env().APP_TOKEN_KEY_SECRET);
  await insertSigningKey(db ?? (await getDb()), { kid, publicJwk: publicJwk as Record<string, string>, privateKeyEnc, activatesAt });
  return kid;
}

/**
 * First start: make sure some key can sign. Returns the kid it created, if any. Instances starting
 * together on a fresh database check and create under one transaction-scoped advisory lock, so only
 * the first creates a key and the others find it (and publish it) at once.
 */
export async function ensureSigningKey(): Promise<string | null> {
  const db = await getDb();
  const kid = await db.transaction(async (tx) => {
    if (databaseDriver() === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_KEY_LOCK})`);
    const keys = withStates(await listSigningKeys(tx), new Date());
    return keys.some((k) => k.state === 'active') ? null : createKey(new Date(), tx);
  });
  if (kid) await refreshKeys();
  return kid;
}

/** Publishes a new key now; it starts signing after KEY_PUBLISH_AHEAD_SECONDS, once verifier caches have it. */
export async function rotateKeys(): Promise<Result<{ key: KeyWithState }>> {
  const pending = (await listKeys()).find((k) => k.state === 'next');
  if (pending) return refusal('conflict', `Key ${pending.kid} is already waiting to activate; activate it or revoke it first.`);
  const kid = await createKey(new Date(Date.now() + env().KEY_PUBLISH_AHEAD_SECONDS * 1000));
  await refreshKeys();
  return keyNamed(kid);
}

async function keyNamed(kid: string): Promise<Result<{ key: KeyWithState }>> {
  const key = (await listKeys()).find((k) => k.kid === kid);
  return key ? { ok: true, key } : refusal('conflict', `Key ${kid} changed meanwhile; list the keys and try again.`);
}

/** Skips the rest of the publish-ahead wait: verifiers that cached the JWKS before the rotation refetch on the unknown kid. */
export async function activateNextKeyNow(): Promise<Result<{ key: KeyWithState }>> {
  const pending = (await listKeys()).find((k) => k.state === 'next');
  if (!pending) return refusal('conflict', 'There is no next key to activate; rotate first.');
  await setKeyActivation(await getDb(), pending.kid, new Date());
  await refreshKeys();
  return keyNamed(pending.kid);
}

/** Emergency revoke: the key leaves the JWKS at once; if it was signing, a new key takes over immediately. */
export async function revokeKey(kid: string): Promise<Result<{ replacedBy: string | null }>> {
  const target = (await listKeys()).find((k) => k.kid === kid);
  if (!target) return refusal('not_found', `No signing key with kid ${kid}.`);
  if (target.state === 'revoked') return refusal('conflict', `Key ${kid} is already revoked.`);
  await setKeyRevoked(await getDb(), kid, new Date());
  const replacedBy = target.state === 'active' ? await createKey(new Date()) : null;
  await refreshKeys();
  return { ok: true, replacedBy };
}
