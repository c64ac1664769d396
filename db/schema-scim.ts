import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { orgs, users } from './schema';

// Directory provisioning (SPEC §18): the people an org's SCIM client manages. db/schema.ts re-exports it.

/**
 * A person as one org's SCIM client knows them: its own id for them (never the user's id, which is
 * global), what it last said about them, and whether the org created the account. Suspended
 * (`active: false`), the person holds no membership at all — every check of membership anywhere
 * refuses them as a non-member — and what the membership carried waits here to be restored.
 */
export const scimUsers = pgTable('scim_users', {
  /** `scu_…`, the SCIM `id`: per org. */
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The account's email as the client spells it (compared case-insensitively). */
  userName: text('user_name').notNull(),
  externalId: text('external_id'),
  givenName: text('given_name'),
  familyName: text('family_name'),
  displayName: text('display_name'),
  /** The org's SCIM client created the account (no password): only then may it change its userName. */
  createdAccount: boolean('created_account').notNull().default(false),
  /** `active: false` since then; null while active. */
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  /** The role the membership had when it was suspended (`admin` or `member`), restored with `active: true`. */
  suspendedRole: text('suspended_role').$type<'admin' | 'member'>(),
  /** The groups and the `members`-rule apps the person was in when suspended, restored where they still exist. */
  suspendedGroups: text('suspended_groups').array().notNull().default(sql`'{}'::text[]`),
  suspendedApps: text('suspended_apps').array().notNull().default(sql`'{}'::text[]`),
  createdAt: createdAt(),
  /** SCIM's `meta.lastModified`. */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('scim_users_org_user_key').on(t.orgId, t.userId),
  index('scim_users_org_user_name_idx').on(t.orgId, sql`lower(${t.userName})`),
]);

export type ScimUser = typeof scimUsers.$inferSelect;
