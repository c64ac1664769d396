import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, credentialLife } from './columns';
import { runs, users } from './schema';

// Token exchange (SPEC §17): resources, what each app may do on them for its viewer, and the apps'
// client credentials; db/schema.ts re-exports them. Migration 0010 adds a trigger pair that keeps
// resource ids and app ids apart, both ways.

/**
 * A platform API the gateway issues access tokens for (its id is their `aud`). Removed resources
 * keep their row (`removed_at`): adding the id again brings it back with no allowances.
 */
export const resources = pgTable('resources', {
  id: text('id').primaryKey(),
  /** The scopes an app may be allowed on it. */
  scopes: text('scopes').array().notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  removedAt: timestamp('removed_at', { withTimezone: true }),
});

/** What an app may do on a resource for its viewer: the scopes it may ask for, and whether for guests too. */
export const appResourceAllowances = pgTable('app_resource_allowances', {
  appId: text('app_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
  resourceId: text('resource_id').notNull().references(() => resources.id, { onDelete: 'cascade' }),
  scopes: text('scopes').array().notNull(),
  guests: boolean('guests').notNull().default(false),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.appId, t.resourceId] })]);

/**
 * An app's client secrets (`agw_cs_…`; the app id is the client_id): at most two live, each ≤ 365
 * days, plus at most one the artifact proxy holds (`proxy_resource_id` set; not counted in the two).
 */
export const appCredentials = pgTable('app_credentials', {
  id: text('id').primaryKey(),
  appId: text('app_id').notNull().references(() => runs.id, { onDelete: 'cascade' }),
  /** SHA-256 of the whole secret: what the token endpoint compares. */
  secretHash: text('secret_hash').notNull(),
  prefix: text('prefix').notNull(),
  createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
  /** The artifact proxy's credential (SPEC §17): the resource it exchanges for, and the secret sealed for its look-up; both null otherwise. */
  proxyResourceId: text('proxy_resource_id').references(() => resources.id, { onDelete: 'cascade' }),
  secretSealed: text('secret_sealed'),
  ...credentialLife(),
}, (t) => [
  uniqueIndex('app_credentials_hash_key').on(t.secretHash),
  index('app_credentials_app_idx').on(t.appId),
  uniqueIndex('app_credentials_one_proxy_key').on(t.appId).where(sql`${t.proxyResourceId} is not null and ${t.revokedAt} is null`),
  check('app_credentials_proxy_sealed', sql`(${t.proxyResourceId} is null) = (${t.secretSealed} is null)`),
]);

/** The exchange's per-app rate limit: one row per access token issued in the last minutes (pruned like mint_rate_window). */
export const exchangeRateWindow = pgTable('exchange_rate_window', {
  appId: text('app_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('exchange_rate_window_idx').on(t.appId, t.at)]);

export type Resource = typeof resources.$inferSelect;
export type AppResourceAllowance = typeof appResourceAllowances.$inferSelect;
export type AppCredential = typeof appCredentials.$inferSelect;
