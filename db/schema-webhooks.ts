import { bigint, bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { orgs } from './schema';

// The audit webhooks' tables (SPEC §13); db/schema.ts re-exports them.

/** Audit webhooks an org admin registered; the signing secret is sealed under APP_TOKEN_KEY_SECRET. */
export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  createdBy: text('created_by'),
  createdAt: createdAt(),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
  lastError: text('last_error'),
  /** The instance delivering to this endpoint, until when: two instances never deliver to it at once. */
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
}, (t) => [index('webhook_endpoints_org_idx').on(t.orgId)]);

/** The transactional outbox: one row per endpoint and audit event still to deliver, written by the mint statement, deleted once delivered. */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  // No foreign key: the mint writes these rows, and checking one would lock the endpoint's row at every
  // mint (removeWebhook deletes an endpoint's rows; the retention job, any a concurrent mint left).
  endpointId: text('endpoint_id').notNull(),
  eventId: bigint('event_id', { mode: 'number' }).notNull(),
  eventAt: timestamp('event_at', { withTimezone: true }).notNull(),
  createdAt: createdAt(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lastError: text('last_error'),
}, (t) => [index('webhook_deliveries_endpoint_idx').on(t.endpointId, t.id)]);
