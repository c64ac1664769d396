import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, credentialLife } from './columns';
import { orgs, users } from './schema';

// Service accounts and their tokens (SPEC §14); db/schema.ts re-exports them.

/** A credential holder of one org that is not a person: the AI platform's pipeline registering apps. */
export const serviceAccounts = pgTable('service_accounts', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  /** What its tokens may do: management scopes only (a service account never mints). */
  scopes: text('scopes').array().notNull(),
  /** The admin who created it; null when created with the CLI on the database host. */
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /** Revoked: every token of it stops working, and no new one can be issued. */
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
}, (t) => [index('service_accounts_org_idx').on(t.orgId)]);

/** A service account's tokens (`agw_sa_…`): at most two live at once, so one can replace the other. */
export const serviceAccountTokens = pgTable('service_account_tokens', {
  id: text('id').primaryKey(),
  serviceAccountId: text('service_account_id').notNull().references(() => serviceAccounts.id, { onDelete: 'cascade' }),
  /** SHA-256 of the whole token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull(),
  prefix: text('prefix').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  /** Expires at most 365 days after creation. */
  ...credentialLife(),
}, (t) => [uniqueIndex('service_account_tokens_hash_key').on(t.tokenHash), index('service_account_tokens_account_idx').on(t.serviceAccountId)]);

export type ServiceAccount = typeof serviceAccounts.$inferSelect;
export type ServiceAccountToken = typeof serviceAccountTokens.$inferSelect;
