import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { orgs, serviceAccounts, serviceAccountTokens, users } from '@/db/schema';
import { newServiceAccountSecret } from '@/lib/auth/api-tokens/service-account-secret';
import type { ManagementScope } from '@/lib/auth/scopes';
import { recordChange } from '../audit/record-change';
import type { Actor } from '../audit/actor';
import { checkServiceAccountInput, DEFAULT_TOKEN_DAYS, LIVE_TOKENS_PER_ACCOUNT, tokenDaysProblem, type ServiceAccountField } from './service-account-input';

// Service accounts of an org (SPEC §14), for its admins (console) and the operator (CLI). Functions
// that take an org id act only within it (the console passes the admin's org; null is the CLI's
// "any org", which may name an account by id alone).

type ServiceAccountTokenListing = {
  id: string;
  /** The token's first characters, to recognise it; the token itself was shown once. */
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  state: 'active' | 'expired' | 'revoked';
};

export type ServiceAccountListing = {
  id: string;
  orgId: string;
  name: string;
  scopes: ManagementScope[];
  createdAt: Date;
  /** The admin who created it; null when the operator did (CLI). */
  createdBy: { id: string; name: string } | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Newest first, revoked and expired ones too. */
  tokens: ServiceAccountTokenListing[];
};

/** A token as issued: `token` is shown this once and never stored. */
export type IssuedServiceAccountToken = { id: string; token: string; prefix: string; expiresAt: Date };

export type ServiceAccountRefusal =
  | { ok: false; reason: 'invalid'; errors: Partial<Record<ServiceAccountField, string>> }
  /** No such org (CLI), or no such live account in the org. */
  | { ok: false; reason: 'not_found' }
  /** The account already holds LIVE_TOKENS_PER_ACCOUNT live tokens: revoke one first. */
  | { ok: false; reason: 'token_limit' };

const newAccountId = () => `sa_${randomBytes(12).toString('base64url')}`;
const newTokenId = () => `sat_${randomBytes(12).toString('base64url')}`;
const createdById = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const expiryIn = (days: number) => new Date(Date.now() + days * 86_400_000);

async function insertToken(tx: Transaction, serviceAccountId: string, days: number, actor: Actor): Promise<IssuedServiceAccountToken> {
  const { token, hash, displayPrefix } = newServiceAccountSecret();
  const id = newTokenId();
  const expiresAt = expiryIn(days);
  await tx.insert(serviceAccountTokens).values({ id, serviceAccountId, tokenHash: hash, prefix: displayPrefix, createdBy: createdById(actor), expiresAt });
  return { id, token, prefix: displayPrefix, expiresAt };
}

/** Creates a service account in the org with its first token (returned once), and audits it. */
export async function createServiceAccount(c: {
  orgId: string;
  name: string;
  scopes: readonly string[];
  expiresInDays?: number;
  actor: Actor;
}): Promise<{ ok: true; account: ServiceAccountListing; token: IssuedServiceAccountToken } | ServiceAccountRefusal> {
  const checked = checkServiceAccountInput(c);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const { name, scopes, expiresInDays } = checked.input;
  const db = await getDb();
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, c.orgId));
  if (!org) return { ok: false, reason: 'not_found' };
  const id = newAccountId();
  const token = await db.transaction(async (tx) => {
    await tx.insert(serviceAccounts).values({ id, orgId: c.orgId, name, scopes, createdBy: createdById(c.actor) });
    const issued = await insertToken(tx, id, expiresInDays, c.actor);
    await recordChange(tx, {
      orgId: c.orgId,
      code: 'service_account_created',
      actor: c.actor,
      detail: `Service account “${name}” (${id}) created with scopes ${scopes.join(' ')}; token ${issued.id} expires ${issued.expiresAt.toISOString()}`,
    });
    return issued;
  });
  const [account] = await listServiceAccounts(c.orgId, [id]);
  return { ok: true, account: account!, token };
}

/** The org's service accounts (revoked ones too), newest first, each with its tokens; or only those named. */
export async function listServiceAccounts(orgId: string, only?: string[]): Promise<ServiceAccountListing[]> {
  const db = await getDb();
  const accounts = await db
    .select({ a: serviceAccounts, creatorName: users.name })
    .from(serviceAccounts)
    .leftJoin(users, eq(users.id, serviceAccounts.createdBy))
    .where(and(eq(serviceAccounts.orgId, orgId), only ? inArray(serviceAccounts.id, only) : undefined))
    .orderBy(desc(serviceAccounts.createdAt), asc(serviceAccounts.id));
  if (accounts.length === 0) return [];
  const tokens = await db
    .select()
    .from(serviceAccountTokens)
    .where(inArray(serviceAccountTokens.serviceAccountId, accounts.map(({ a }) => a.id)))
    .orderBy(desc(serviceAccountTokens.createdAt), asc(serviceAccountTokens.id));
  const now = Date.now();
  return accounts.map(({ a, creatorName }) => ({
    id: a.id,
    orgId: a.orgId,
    name: a.name,
    scopes: a.scopes as ManagementScope[],
    createdAt: a.createdAt,
    createdBy: a.createdBy ? { id: a.createdBy, name: creatorName ?? a.createdBy } : null,
    lastUsedAt: a.lastUsedAt,
    revokedAt: a.revokedAt,
    tokens: tokens
      .filter((t) => t.serviceAccountId === a.id)
      .map((t) => ({
        id: t.id,
        prefix: t.prefix,
        createdAt: t.createdAt,
        expiresAt: t.expiresAt,
        lastUsedAt: t.lastUsedAt,
        revokedAt: t.revokedAt,
        state: t.revokedAt || a.revokedAt ? 'revoked' : t.expiresAt.getTime() <= now ? 'expired' : 'active',
      })),
  }));
}

/**
 * Issues another token for a live account — a rotation: issue, move the pipeline to the new token,
 * revoke the old one. Refused while the account holds two live tokens.
 */
export async function issueServiceAccountToken(c: {
  orgId: string | null;
  serviceAccountId: string;
  expiresInDays?: number;
  actor: Actor;
}): Promise<{ ok: true; token: IssuedServiceAccountToken } | ServiceAccountRefusal> {
  const days = tokenDaysProblem(c.expiresInDays);
  if (days) return { ok: false, reason: 'invalid', errors: { expiresInDays: days } };
  const db = await getDb();
  return db.transaction(async (tx) => {
    // The account's row is locked: two rotations at once cannot both pass the count.
    const [account] = await tx
      .select({ orgId: serviceAccounts.orgId, name: serviceAccounts.name })
      .from(serviceAccounts)
      .where(and(eq(serviceAccounts.id, c.serviceAccountId), isNull(serviceAccounts.revokedAt), c.orgId ? eq(serviceAccounts.orgId, c.orgId) : undefined))
      .for('update');
    if (!account) return { ok: false, reason: 'not_found' } as const;
    const [{ live } = { live: 0 }] = await tx
      .select({ live: sql<number>`count(*)::int` })
      .from(serviceAccountTokens)
      .where(and(eq(serviceAccountTokens.serviceAccountId, c.serviceAccountId), isNull(serviceAccountTokens.revokedAt), gt(serviceAccountTokens.expiresAt, sql`now()`)));
    if (live >= LIVE_TOKENS_PER_ACCOUNT) return { ok: false, reason: 'token_limit' } as const;
    const token = await insertToken(tx, c.serviceAccountId, c.expiresInDays ?? DEFAULT_TOKEN_DAYS, c.actor);
    await recordChange(tx, {
      orgId: account.orgId,
      code: 'service_account_token_issued',
      actor: c.actor,
      detail: `Token ${token.id} issued for service account “${account.name}” (${c.serviceAccountId}); expires ${token.expiresAt.toISOString()}`,
    });
    return { ok: true, token } as const;
  });
}

/** Revokes a live account: every token of it stops at once. False when there was nothing to revoke. */
export async function revokeServiceAccount(c: { orgId: string | null; serviceAccountId: string; actor: Actor }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [account] = await tx
      .update(serviceAccounts)
      .set({ revokedAt: new Date() })
      .where(and(eq(serviceAccounts.id, c.serviceAccountId), isNull(serviceAccounts.revokedAt), c.orgId ? eq(serviceAccounts.orgId, c.orgId) : undefined))
      .returning({ orgId: serviceAccounts.orgId, name: serviceAccounts.name });
    if (!account) return false;
    await tx
      .update(serviceAccountTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(serviceAccountTokens.serviceAccountId, c.serviceAccountId), isNull(serviceAccountTokens.revokedAt)));
    await recordChange(tx, { orgId: account.orgId, code: 'service_account_revoked', actor: c.actor, detail: `Service account “${account.name}” (${c.serviceAccountId}) revoked, with all its tokens` });
    return true;
  });
}

/** Revokes one token (the old one after a rotation). False when there was nothing to revoke. */
export async function revokeServiceAccountToken(c: { orgId: string | null; tokenId: string; actor: Actor }): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [token] = await tx
      .update(serviceAccountTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(serviceAccountTokens.id, c.tokenId),
          isNull(serviceAccountTokens.revokedAt),
          c.orgId ? inArray(serviceAccountTokens.serviceAccountId, db.select({ id: serviceAccounts.id }).from(serviceAccounts).where(eq(serviceAccounts.orgId, c.orgId))) : undefined,
        ),
      )
      .returning({ serviceAccountId: serviceAccountTokens.serviceAccountId });
    if (!token) return false;
    const [account] = await tx.select({ orgId: serviceAccounts.orgId, name: serviceAccounts.name }).from(serviceAccounts).where(eq(serviceAccounts.id, token.serviceAccountId));
    await recordChange(tx, {
      orgId: account!.orgId,
      code: 'service_account_token_revoked',
      actor: c.actor,
      detail: `Token ${c.tokenId} of service account “${account!.name}” (${token.serviceAccountId}) revoked`,
    });
    return true;
  });
}
