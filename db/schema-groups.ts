import { sql } from 'drizzle-orm';
import { foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { memberships, orgs, runs } from './schema';

// Groups of an org's members, and apps opened by group (SPEC §18); db/schema.ts re-exports them.

/** Who manages a group, and nobody else: admins (console, CLI, API), the org's SCIM client, or OIDC sign-ins. */
export const groupSource = pgEnum('group_source', ['console', 'scim', 'oidc']);

export const orgGroups = pgTable('org_groups', {
  /** `grp_…` */
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  displayName: text('display_name').notNull(),
  /** The identity provider's name for it: an `oidc` group's value in the groups claim (exact), a SCIM client's `externalId`. */
  externalId: text('external_id'),
  source: groupSource('source').notNull(),
  createdAt: createdAt(),
  /** Its name, external id or members last changed (SCIM's `meta.lastModified`). */
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('org_groups_org_idx').on(t.orgId, t.displayName, t.id),
  // The target of the composite keys below: a group's members and apps are of its own org.
  unique('org_groups_id_org_id_key').on(t.id, t.orgId),
  // An OIDC sign-in matches a group by exact external id; one group per (org, source, external id).
  uniqueIndex('org_groups_external_id_key').on(t.orgId, t.source, t.externalId).where(sql`${t.externalId} is not null`),
]);

/** A group's members: members of the group's org (composite key), who leave every group with the org. */
export const groupMembers = pgTable('group_members', {
  groupId: text('group_id').notNull(),
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.groupId, t.userId] }),
  foreignKey({ name: 'group_members_group_fk', columns: [t.groupId, t.orgId], foreignColumns: [orgGroups.id, orgGroups.orgId] }).onDelete('cascade'),
  foreignKey({ name: 'group_members_membership_fk', columns: [t.userId, t.orgId], foreignColumns: [memberships.userId, memberships.orgId] }).onDelete('cascade'),
  index('group_members_membership_idx').on(t.userId, t.orgId),
]);

/** The groups an app with access rule `members` is open to, beside its listed people; a group of the app's own org only. */
export const appAccessGroups = pgTable('app_access_groups', {
  appId: text('app_id').notNull(),
  orgId: text('org_id').notNull(),
  groupId: text('group_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.appId, t.groupId] }),
  foreignKey({ name: 'app_access_groups_app_fk', columns: [t.appId, t.orgId], foreignColumns: [runs.id, runs.orgId] }).onDelete('cascade'),
  foreignKey({ name: 'app_access_groups_group_fk', columns: [t.groupId, t.orgId], foreignColumns: [orgGroups.id, orgGroups.orgId] }).onDelete('cascade'),
  index('app_access_groups_group_idx').on(t.groupId),
]);

/**
 * A platform setting: the OIDC issuer whose `groups` claim sets this org's `oidc` groups at each
 * sign-in through it (CLI `org oidc-groups`). An org bound to no issuer has its oidc groups set by nobody.
 */
export const orgOidcGroupIssuers = pgTable('org_oidc_group_issuers', {
  orgId: text('org_id').primaryKey().references(() => orgs.id, { onDelete: 'cascade' }),
  issuer: text('issuer').notNull(),
  createdAt: createdAt(),
}, (t) => [index('org_oidc_group_issuers_issuer_idx').on(t.issuer)]);

export type OrgGroup = typeof orgGroups.$inferSelect;
export type GroupSource = (typeof groupSource.enumValues)[number];
