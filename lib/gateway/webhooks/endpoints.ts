import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { orgs, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { env } from '@/lib/platform/config/env';
import { refusal, type Result } from '../errors';
import { checkWebhookUrl } from './endpoint-url';
import { newWebhookSecret, sealWebhookSecret } from './secret-box';

export type WebhookListing = {
  id: string;
  url: string;
  createdAt: Date;
  pending: number;
  oldestPendingAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
};

/** Registers an endpoint for every audit event of the org from now on; the secret is returned only here. */
export async function addWebhook(input: { orgId: string; url: string; createdBy?: string | null }): Promise<Result<{ id: string; url: string; secret: string }>> {
  const checked = checkWebhookUrl(input.url);
  if (!checked.ok) return checked;
  const url = checked.url.toString();
  const db = await getDb();
  const [org] = await db.select({ id: orgs.id }).from(orgs).where(eq(orgs.id, input.orgId));
  if (!org) return refusal('not_found', `No organization ${input.orgId}.`);
  const id = `whk_${randomBytes(12).toString('base64url')}`;
  const secret = newWebhookSecret();
  await db.insert(webhookEndpoints).values({
    id,
    orgId: input.orgId,
    url,
    secretSealed: sealWebhookSecret(secret, id, env().APP_TOKEN_KEY_SECRET),
    createdBy: input.createdBy ?? null,
  });
  return { ok: true, id, url, secret };
}

/** The org's endpoints with their delivery state: pending events, last success, last failure and why. */
export async function listWebhooks(orgId: string): Promise<WebhookListing[]> {
  const db = await getDb();
  const pending = db
    .select({
      endpointId: webhookDeliveries.endpointId,
      n: sql<number>`count(*)::int`.as('n'),
      oldest: sql<Date | null>`min(${webhookDeliveries.createdAt})`.as('oldest'),
    })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.endpointId)
    .as('pending');
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      createdAt: webhookEndpoints.createdAt,
      pending: sql<number>`coalesce(${pending.n}, 0)::int`,
      oldestPendingAt: pending.oldest,
      lastSuccessAt: webhookEndpoints.lastSuccessAt,
      lastFailureAt: webhookEndpoints.lastFailureAt,
      lastError: webhookEndpoints.lastError,
    })
    .from(webhookEndpoints)
    .leftJoin(pending, eq(pending.endpointId, webhookEndpoints.id))
    .where(eq(webhookEndpoints.orgId, orgId))
    .orderBy(webhookEndpoints.createdAt);
  return rows.map((r) => ({ ...r, oldestPendingAt: r.oldestPendingAt ? new Date(r.oldestPendingAt) : null }));
}

/** Removes an endpoint (and its undelivered events); with orgId, only one of that org. */
export async function removeWebhook(id: string, orgId?: string): Promise<boolean> {
  const db = await getDb();
  const where = orgId ? and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.orgId, orgId)) : eq(webhookEndpoints.id, id);
  return db.transaction(async (tx) => {
    const removed = await tx.delete(webhookEndpoints).where(where).returning({ id: webhookEndpoints.id });
    if (removed.length > 0) await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    return removed.length > 0;
  });
}
