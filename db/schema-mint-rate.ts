import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// db/schema.ts re-exports this table.

/**
 * The rate limiter's window: one row per token minted in the last minutes (the mint statement
 * writes it, a background job deletes older rows), so counting a viewer's recent mints of an app
 * reads a table that stays small, whatever the audit log's size and partitions.
 */
export const mintRateWindow = pgTable('mint_rate_window', {
  userId: text('user_id').notNull(),
  appId: text('app_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('mint_rate_window_idx').on(t.userId, t.appId, t.at)]);
