import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { appCredentials, runs } from '@/db/schema';
import { recordRevocations } from '../revocations/record';
import type { Actor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { createdBy } from './resources';
import { newClientSecret } from './credential-secret';

// App credentials (SPEC §17): client secrets an org admin creates for an app, whose id is the
// client_id. `orgId` is the admin's org (the app must be in it); null for the CLI (the operator).

export const MAX_CREDENTIAL_DAYS = 365;
const DEFAULT_CREDENTIAL_DAYS = 90;
/** Live secrets an app may hold at once: the one in use and its replacement during a rotation. */
export const LIVE_CREDENTIALS_PER_APP = 2;


export type CredentialListing = {
  id: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  live: boolean;
  /** The artifact proxy's credential: the resource it exchanges for; null for the app backend's own. */
  proxyResourceId: string | null;
};

export type CreateCredentialResult =
  | { ok: true; id: string; secret: string; expiresAt: Date }
  | { ok: false; reason: 'invalid'; message: string }
  | { ok: false; reason: 'app_not_found' | 'credential_limit' };

/** Creates a client secret for an app, shown once (the result's `secret`); refused while the app holds two live ones. */
export async function createAppCredential(input: { appId: string; orgId: string | null; expiresInDays?: number; actor: Actor }): Promise<CreateCredentialResult> {
  return withNewSecret(input, DEFAULT_CREDENTIAL_DAYS, async (tx, app, days) => {
    const [{ live } = { live: 0 }] = await tx
      .select({ live: sql<number>`count(*)::int` })
      .from(appCredentials)
      .where(and(eq(appCredentials.appId, input.appId), isNull(appCredentials.revokedAt), gt(appCredentials.expiresAt, sql`now()`), isNull(appCredentials.proxyResourceId)));
    // The artifact proxy's credential (proxy-credential.ts) is not one of the two.
    if (live >= LIVE_CREDENTIALS_PER_APP) return { ok: false, reason: 'credential_limit' } as const;
    const { id, secret, displayPrefix, expiresAt } = await insertClientSecret(tx, { appId: input.appId, actor: input.actor, days });
    await recordChange(tx, { code: 'credential_created', orgId: app.orgId, appId: input.appId, actor: input.actor, detail: `${id} (${displayPrefix}…), expires in ${days} days` });
    return { ok: true, id, secret, expiresAt } as const;
  });
}

type SecretFor = { appId: string; orgId: string | null; expiresInDays?: number };
type SecretRefused = { ok: false; reason: 'invalid'; message: string } | { ok: false; reason: 'app_not_found' };

/**
 * A new client secret's transaction: its lifetime checked (`expiresInDays`, else `byDefault`: 1–365
 * whole days), then the live app (with `orgId`, only that org's) found with its row locked, so two
 * changes of its secrets at once are taken in turn and cannot both pass a count; then `change`.
 */
export async function withNewSecret<T>(
  input: SecretFor,
  byDefault: number,
  change: (tx: Transaction, app: { orgId: string; upstreamUrl: string | null }, days: number) => Promise<T>,
): Promise<T | SecretRefused> {
  const days = input.expiresInDays ?? byDefault;
  if (!Number.isInteger(days) || days < 1 || days > MAX_CREDENTIAL_DAYS) return { ok: false, reason: 'invalid', message: `A client secret lives 1–${MAX_CREDENTIAL_DAYS} whole days.` };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [app] = await tx
      .select({ orgId: runs.orgId, upstreamUrl: runs.upstreamUrl })
      .from(runs)
      .where(and(eq(runs.id, input.appId), isNull(runs.deletedAt), input.orgId ? eq(runs.orgId, input.orgId) : undefined))
      .for('update');
    return app ? change(tx, app, days) : ({ ok: false, reason: 'app_not_found' } as const);
  });
}

/**
 * A new client secret of the app, stored as its hash (`more` adds columns that need its id or the
 * secret itself); the caller audits it. The secret is in the answer only, to be shown once.
 */
export async function insertClientSecret(
  tx: Transaction,
  c: { appId: string; actor: Actor; days: number; more?: (id: string, secret: string) => Partial<typeof appCredentials.$inferInsert> },
): Promise<{ id: string; secret: string; displayPrefix: string; expiresAt: Date }> {
  const { secret, hash, displayPrefix } = newClientSecret();
  const id = `cred_${randomBytes(9).toString('base64url')}`;
  const [row] = await tx
    .insert(appCredentials)
    .values({ id, appId: c.appId, secretHash: hash, prefix: displayPrefix, createdBy: createdBy(c.actor), ...c.more?.(id, secret), expiresAt: sql`now() + make_interval(days => ${c.days})` })
    .returning({ expiresAt: appCredentials.expiresAt });
  return { id, secret, displayPrefix, expiresAt: row!.expiresAt };
}

/** An app's client secrets, newest first (never the secrets themselves). */
export async function listAppCredentials(appId: string, orgId: string | null): Promise<CredentialListing[]> {
  const db = await getDb();
  return db
    .select({
      id: appCredentials.id,
      prefix: appCredentials.prefix,
      createdAt: appCredentials.createdAt,
      expiresAt: appCredentials.expiresAt,
      revokedAt: appCredentials.revokedAt,
      lastUsedAt: appCredentials.lastUsedAt,
      proxyResourceId: appCredentials.proxyResourceId,
      live: sql<boolean>`(${appCredentials.revokedAt} is null and ${appCredentials.expiresAt} > now())`,
    })
    .from(appCredentials)
    .innerJoin(runs, eq(runs.id, appCredentials.appId))
    .where(and(eq(appCredentials.appId, appId), orgId ? eq(runs.orgId, orgId) : undefined))
    .orderBy(desc(appCredentials.createdAt), desc(appCredentials.id));
}

/**
 * Revokes a client secret: it authenticates nothing from now on, and the app's tokens obtained
 * with it are revoked through the feed (`{ "aud": "<appId>" }`, which reaches the access tokens
 * whose client_id is the app) in the same transaction. Null when there was nothing to revoke.
 */
export async function revokeAppCredential(input: { id: string; orgId: string | null; actor: Actor }): Promise<{ appId: string } | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inOrg = input.orgId ? sql`and ${appCredentials.appId} in (select id from ${runs} where org_id = ${input.orgId})` : sql``;
    const [row] = await tx
      .update(appCredentials)
      .set({ revokedAt: sql`now()` })
      .where(sql`${appCredentials.id} = ${input.id} and ${appCredentials.revokedAt} is null ${inOrg}`)
      .returning({ appId: appCredentials.appId, prefix: appCredentials.prefix });
    if (!row) return null;
    const [app] = await tx.select({ orgId: runs.orgId }).from(runs).where(eq(runs.id, row.appId));
    await recordRevocations(tx, [{ aud: row.appId }]);
    await recordChange(tx, { code: 'credential_revoked', orgId: app!.orgId, appId: row.appId, actor: input.actor, detail: `${input.id} (${row.prefix}…)` });
    return { appId: row.appId };
  });
}
