import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, sessionLife } from './columns';

export const membershipRole = pgEnum('membership_role', ['admin', 'member']);
export const appAccess = pgEnum('app_access', ['login_required', 'public']);
/** `changed`: an admin changed a setting (e.g. who can open an app); `detail` says what. */
export const auditResult = pgEnum('audit_result', ['minted', 'denied', 'changed']);
/** Who can open an app: every member of its org, its admins, or its admins plus listed members. */
export const appAccessRule = pgEnum('app_access_rule', ['everyone', 'admins', 'members']);
/** How a caller was recognised: a member's session or API token, a service account, or a guest's session (SPEC §15). */
export const authVia = pgEnum('auth_via', ['session', 'api_token', 'service_account', 'share_link', 'public']);
/** An org's sharing switch (SPEC §15): beyond it, share links and public apps are refused. */
export const externalSharing = pgEnum('external_sharing', ['off', 'links', 'links_and_public']);
export const sessionEndReason = pgEnum('session_end_reason', ['signed_out', 'ended_by_user', 'ended_by_operator', 'user_deleted']);

/** PostgreSQL's 64-bit transaction id; read as text (it does not fit a JS number). */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
  lastActiveOrgId: text('last_active_org_id'),
  createdAt: createdAt(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`)]);

/** Identities from external providers (OIDC, GitHub) linked to a user. */
export const accounts = pgTable('accounts', {
  provider: text('provider').notNull(),
  providerAccountId: text('provider_account_id').notNull(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('accounts_user_idx').on(t.userId)]);

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** Users whose verified email is at this domain join as members on first sign-in. */
  autoJoinDomain: text('auto_join_domain'),
  /** Who outside the org may open its apps: nobody (`off`), holders of a share link, or also anyone for public apps. */
  externalSharing: externalSharing('external_sharing').notNull().default('off'),
  createdAt: createdAt(),
});

export const memberships = pgTable('memberships', {
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  role: membershipRole('role').notNull().default('member'),
  createdAt: createdAt(),
}, (t) => [primaryKey({ columns: [t.userId, t.orgId] }), index('memberships_org_idx').on(t.orgId)]);

/** An email invited into an org with a role; accepted on the invitee's first verified sign-in. */
export const invitations = pgTable('invitations', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  role: membershipRole('role').notNull().default('member'),
  invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedBy: text('accepted_by').references(() => users.id, { onDelete: 'set null' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  /** The invitee said no (from their home page); a declined invitation cannot be accepted. */
  declinedAt: timestamp('declined_at', { withTimezone: true }),
}, (t) => [index('invitations_email_idx').on(sql`lower(${t.email})`), index('invitations_org_idx').on(t.orgId)]);

export const workflows = pgTable('workflows', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  createdAt: createdAt(),
}, (t) => [index('workflows_org_idx').on(t.orgId)]);

/** A workflow run; its id is the app id, and its artifact is the app. */
export const runs = pgTable('runs', {
  id: text('id').primaryKey(),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  workflowId: text('workflow_id').notNull().references(() => workflows.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  access: appAccess('access').notNull().default('login_required'),
  accessRule: appAccessRule('access_rule').notNull().default('everyone'),
  /** Null while the artifact is still being built. */
  artifactUrl: text('artifact_url'),
  /** The artifact URL's origin: at most one live app per origin (SPEC §10). Null while building. */
  artifactOrigin: text('artifact_origin'),
  /** For an app served by the artifact proxy: where the proxy forwards to. Never shown to viewers. */
  upstreamUrl: text('upstream_url'),
  createdAt: createdAt(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
}, (t) => [
  // An org's apps in creation order: the console (newest first) and the management API's pages.
  index('runs_org_created_idx').on(t.orgId, t.createdAt, t.id),
  index('runs_workflow_idx').on(t.workflowId),
  // The target of app_access_members' composite key: a listed member must be of the app's own org.
  unique('runs_id_org_id_key').on(t.id, t.orgId),
  uniqueIndex('runs_artifact_origin_key').on(t.artifactOrigin).where(sql`${t.deletedAt} is null`),
]);

/**
 * The members an app with access rule `members` is open to. Both keys are composite with the org,
 * so a listed user is always a member of the app's org, and leaves every list when removed from it.
 */
export const appAccessMembers = pgTable('app_access_members', {
  appId: text('app_id').notNull(),
  orgId: text('org_id').notNull(),
  userId: text('user_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  primaryKey({ columns: [t.appId, t.userId] }),
  foreignKey({ name: 'app_access_members_app_fk', columns: [t.appId, t.orgId], foreignColumns: [runs.id, runs.orgId] }).onDelete('cascade'),
  foreignKey({ name: 'app_access_members_membership_fk', columns: [t.userId, t.orgId], foreignColumns: [memberships.userId, memberships.orgId] }).onDelete('cascade'),
  index('app_access_members_membership_idx').on(t.userId, t.orgId),
]);

export const apiTokens = pgTable('api_tokens', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  orgId: text('org_id').notNull().references(() => orgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull().default(''),
  /** SHA-256 of the whole token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull(),
  prefix: text('prefix').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /**
   * What the token may do (SPEC §14): `mint` (the default, and what every token made before scopes
   * keeps) and management scopes, which work only while its person is an admin of the org.
   */
  scopes: text('scopes').array().notNull().default(sql`'{mint}'::text[]`),
}, (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)]);

/** Signing keys; their state (next, active, retiring, retired, revoked) follows from the timestamps. */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull().default('ES256'),
  publicJwk: jsonb('public_jwk').notNull().$type<Record<string, string>>(),
  /** AES-256-GCM ciphertext of the private JWK under a key derived from APP_TOKEN_KEY_SECRET. */
  privateKeyEnc: text('private_key_enc').notNull(),
  createdAt: createdAt(),
  activatesAt: timestamp('activates_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * Partitioned by month on `at` (migration 0007): old months are dropped whole by the retention job
 * (lib/gateway/audit-retention.ts), so the key includes `at`.
 */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  result: auditResult('result').notNull(),
  code: text('code').notNull(),
  userId: text('user_id'),
  apiTokenId: text('api_token_id'),
  authVia: authVia('auth_via'),
  /** As requested, so probes for other orgs' apps are recorded too. */
  appId: text('app_id'),
  orgId: text('org_id'),
  workflowId: text('workflow_id'),
  jti: text('jti'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  /** The session of a cookie mint. */
  sessionId: text('session_id'),
  /** For admins: which access rule refused a mint (code not_allowed), or what an admin changed. */
  detail: text('detail'),
  /** The service account that made a change through the management API (auth_via `service_account`). */
  serviceAccountId: text('service_account_id'),
  /**
   * The writing transaction, as in `revocations`: the management API pages an org's events over
   * (tx_id, id) below the oldest running transaction, so a late commit is never skipped. Rows from
   * before the column read 0 (all committed long before any reader's cursor).
   */
  txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
  /** The share link of a guest's mint, or of a change to a link (SPEC §15). */
  shareId: text('share_id'),
}, (t) => [
  primaryKey({ columns: [t.id, t.at] }),
  // Every mint writes a row, so every index here is paid for on the hot path: only one besides the
  // key. The console (newest first) and the management API (oldest first, after a cursor) both read
  // one org's events in (tx_id, id) order, filtering within the org.
  // (The rate limiter counts in mint_rate_window, db/schema-mint-rate.ts.)
  index('audit_events_org_tx_idx').on(t.orgId, t.txId, t.id),
]);

/**
 * Failed password sign-ins per email (lower-cased; unknown emails too, so a lock says nothing about
 * whether an account exists). Shared by every instance through the database.
 */
export const signInThrottles = pgTable('sign_in_throttles', {
  emailKey: text('email_key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});

/** A sign-in: the session cookie carries its id (`sid`); ended or expired, the cookie no longer counts. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** Expires at created_at + SESSION_MAX_AGE_SECONDS. */
  ...sessionLife(),
  userAgent: text('user_agent'),
  ip: text('ip'),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  endReason: sessionEndReason('end_reason'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * The public revocation feed: each row names the claims (sid, sub, org_id, aud) of the tokens it
 * revokes. `tx_id` is the writing transaction: readers page over (tx_id, id) and only see rows
 * older than every transaction still running, so no late commit lands behind a cursor.
 */
export const revocations = pgTable('revocations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  sid: text('sid'),
  sub: text('sub'),
  orgId: text('org_id'),
  aud: text('aud'),
}, (t) => [
  index('revocations_tx_id_idx').on(t.txId, t.id),
  index('revocations_at_idx').on(t.at),
  // The token exchange checks a subject token against the entries naming its sid, sub or aud.
  index('revocations_sid_idx').on(t.sid, t.at).where(sql`${t.sid} is not null`),
  index('revocations_sub_idx').on(t.sub, t.at).where(sql`${t.sub} is not null`),
  index('revocations_aud_idx').on(t.aud, t.at).where(sql`${t.aud} is not null`),
]);

export * from './schema-webhooks';
export * from './schema-mint-rate';
export * from './schema-service-accounts';
export * from './schema-exchange';
export * from './schema-sharing';

export type User = typeof users.$inferSelect;
export type Org = typeof orgs.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Workflow = typeof workflows.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type Run = typeof runs.$inferSelect;
export type AccessRule = (typeof appAccessRule.enumValues)[number];
export type ApiToken = typeof apiTokens.$inferSelect;
export type SigningKey = typeof signingKeys.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Revocation = typeof revocations.$inferSelect;
export type ExternalSharing = (typeof externalSharing.enumValues)[number];
export * from './schema-access-requests';
export * from './schema-groups';
export * from './schema-scim';
