import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, sessionLife } from './columns';
import { runs, users } from './schema';

// Sharing beyond the org (SPEC §15): share links, the people they admitted, guest sessions. db/schema.ts re-exports them.

/**
 * Why a link stopped working before its expiry (`revoked`, `sharing_off`), or `expired`: its expiry
 * has passed and the feed entries of its guests have been written (lib/gateway/sharing/link-expiry.ts).
 */
export const shareLinkEndReason = pgEnum('share_link_end_reason', ['revoked', 'sharing_off', 'expired']);
/** How a guest came in: a share link, or a public app. */
export const guestVia = pgEnum('guest_via', ['share_link', 'public']);
export const guestSessionEndReason = pgEnum('guest_session_end_reason', [
  'link_revoked',
  'sharing_off',
  'public_off',
  'app_private',
  'ended_by_admin',
  'replaced',
  'link_expired',
]);

/** A link to one app for people outside its org; only the SHA-256 of its secret is kept. */
export const shareLinks = pgTable('share_links', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull(),
  orgId: text('org_id').notNull(),
  secretHash: text('secret_hash').notNull(),
  /** The person who created it (null: the CLI, a service account, or a deleted user; the audit log names the actor). */
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** The most people it admits; null = no limit. */
  maxUses: integer('max_uses'),
  /** People admitted so far (one per person, counted when they open it). */
  uses: integer('uses').notNull().default(0),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  endReason: shareLinkEndReason('end_reason'),
}, (t) => [
  uniqueIndex('share_links_secret_hash_key').on(t.secretHash),
  index('share_links_app_idx').on(t.appId, t.createdAt),
  index('share_links_org_idx').on(t.orgId),
  foreignKey({ name: 'share_links_app_fk', columns: [t.appId, t.orgId], foreignColumns: [runs.id, runs.orgId] }).onDelete('cascade'),
]);

/** The signed-in people a link admitted: each counts once, however often they open it. */
export const shareLinkPeople = pgTable('share_link_people', {
  shareId: text('share_id').notNull().references(() => shareLinks.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.shareId, t.userId] })]);

/**
 * A guest's server-side session (SPEC §9, §15): its own cookie carries a secret whose SHA-256 is
 * kept here; `id` is the tokens' `sid` (not a secret). It opens one app only, and ends at its link's
 * end or SESSION_MAX_AGE_SECONDS after it began, whichever is first.
 */
export const guestSessions = pgTable('guest_sessions', {
  id: text('id').primaryKey(),
  secretHash: text('secret_hash').notNull(),
  appId: text('app_id').notNull(),
  orgId: text('org_id').notNull(),
  via: guestVia('via').notNull(),
  /** The link it came through (null for a public app's guest). */
  shareId: text('share_id').references(() => shareLinks.id, { onDelete: 'cascade' }),
  /** A signed-in person who chose "Continue as <name>"; null for an anonymous guest. */
  userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** An anonymous guest's `sub` (`gst_…`), stable for the session. */
  guestSub: text('guest_sub'),
  /** The name an anonymous guest gave (null: none; tokens say "Guest"). */
  displayName: text('display_name'),
  ...sessionLife(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endReason: guestSessionEndReason('end_reason'),
}, (t) => [
  uniqueIndex('guest_sessions_secret_hash_key').on(t.secretHash),
  index('guest_sessions_share_idx').on(t.shareId),
  index('guest_sessions_app_idx').on(t.appId).where(sql`${t.endedAt} is null`),
  index('guest_sessions_org_idx').on(t.orgId).where(sql`${t.endedAt} is null`),
  foreignKey({ name: 'guest_sessions_app_fk', columns: [t.appId, t.orgId], foreignColumns: [runs.id, runs.orgId] }).onDelete('cascade'),
]);

export type ShareLink = typeof shareLinks.$inferSelect;
export type GuestSession = typeof guestSessions.$inferSelect;
