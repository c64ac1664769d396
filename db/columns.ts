import { timestamp } from 'drizzle-orm/pg-core';

// Columns more than one table has; db/schema*.ts build their tables with them.

/** When the row was made, set by the database. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * A session's life (a sign-in's, a guest's): made, its last use kept up to date, and the hard end it
 * has from the start, whatever its cookie says.
 */
export const sessionLife = () => ({
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/**
 * A stored credential's life (an app's client secret, a service account's token): made, always
 * ending, perhaps revoked early, its last use recorded.
 */
export const credentialLife = () => ({
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
});
