import { sql } from 'drizzle-orm';
import { foreignKey, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { runs, users } from './schema';

// Asking for access, and grants that end (SPEC §16). db/schema.ts re-exports them.

/** What an admin answered; a request without one is pending until it expires. */
export const accessRequestDecision = pgEnum('access_request_decision', ['approved', 'denied']);
/** Why a grant stopped admitting its person. */
export const appGrantEndReason = pgEnum('app_grant_end_reason', ['expired', 'removed', 'replaced', 'app_deleted', 'member_removed']);

/**
 * A signed-in person's request to open an app they were refused. Stored only for an app that
 * exists; one pending (undecided, unexpired) request per person and app.
 */
export const accessRequests = pgTable('access_requests', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull(),
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** Plain text, at most 500 characters; null when none was given. */
  note: text('note'),
  createdAt: createdAt(),
  /** created_at + 30 days: an undecided request past it is expired (and may be asked again). */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  decision: accessRequestDecision('decision'),
  decidedBy: text('decided_by').references(() => users.id, { onDelete: 'set null' }),
  /** The grant an approval created. */
  grantId: text('grant_id'),
}, (t) => [
  uniqueIndex('access_requests_pending_key').on(t.appId, t.userId).where(sql`${t.decidedAt} is null`),
  index('access_requests_org_pending_idx').on(t.orgId, t.createdAt).where(sql`${t.decidedAt} is null`),
  index('access_requests_user_idx').on(t.userId, t.createdAt),
  foreignKey({ name: 'access_requests_app_fk', columns: [t.appId, t.orgId], foreignColumns: [runs.id, runs.orgId] }).onDelete('cascade'),
]);

/**
 * Every request asked, whether or not its app exists (so the daily limit says nothing about which
 * apps exist): only who and when, never the app. Rows older than a day are pruned.
 */
export const accessRequestAttempts = pgTable('access_request_attempts', {
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('access_request_attempts_idx').on(t.userId, t.at)]);

/**
 * One person may open one app whatever its access rule says (SPEC §16): a member of the app's org
 * with their own role, anyone else as a guest. Ends at `ends_at` (null: until removed); the mint
 * reads it in its one statement, and a job writes the feed entry of a grant that ended on time.
 */
export const appGrants = pgTable('app_grants', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull(),
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  requestId: text('request_id'),
  /** The admin who approved it (null: a service account, or a deleted user; the audit log names the actor). */
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  /** When it stops admitting; null = until taken away. */
  endsAt: timestamp('ends_at', { withTimezone: true }),
  /** Set when its end is recorded (removed, or the job saw it expire, with its feed entry). */
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endReason: appGrantEndReason('end_reason'),
}, (t) => [
  // The mint's look-up: the viewer's live grant for the app.
  uniqueIndex('app_grants_live_key').on(t.appId, t.userId).where(sql`${t.endedAt} is null`),
  index('app_grants_due_idx').on(t.endsAt).where(sql`${t.endedAt} is null and ${t.endsAt} is not null`),
  index('app_grants_org_idx').on(t.orgId, t.userId).where(sql`${t.endedAt} is null`),
  foreignKey({ name: 'app_grants_app_fk', columns: [t.appId, t.orgId], foreignColumns: [runs.id, runs.orgId] }).onDelete('cascade'),
]);

export type AccessRequest = typeof accessRequests.$inferSelect;
export type AppGrant = typeof appGrants.$inferSelect;
