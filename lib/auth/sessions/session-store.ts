import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { sessions, users, type Session, type User } from '@/db/schema';
import { env } from '@/lib/platform/config/env';

// Server-side sessions: one row per sign-in. The cookie carries the id; these rows decide.

/** `ses_` and 144 random bits. Not a secret (it goes into tokens and the feed): the sealed cookie is. */
export type { Session };

function newSessionId(): string {
  return `ses_${randomBytes(18).toString('base64url')}`;
}

export type ClientInfo = { ip: string | null; userAgent: string | null };

/** Records a sign-in; it expires SESSION_MAX_AGE_SECONDS after now, whatever the cookie says. */
export async function createSession(userId: string, client: ClientInfo): Promise<string> {
  const db = await getDb();
  const id = newSessionId();
  await db.insert(sessions).values({
    id,
    userId,
    userAgent: client.userAgent,
    ip: client.ip,
    expiresAt: sql`now() + make_interval(secs => ${env().SESSION_MAX_AGE_SECONDS})`,
  });
  return id;
}

const isActive = and(isNull(sessions.endedAt), gt(sessions.expiresAt, sql`now()`));

/**
 * The user of a session that is still on (not ended, not expired, the user not deleted), or null.
 * Marks it used, at most once a minute, as the mint does.
 */
export async function activeSessionUser(userId: string, sid: string): Promise<User | null> {
  const db = await getDb();
  const [row] = await db
    .select({ user: users, lastUsedAt: sessions.lastUsedAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sid), eq(sessions.userId, userId), isActive, isNull(users.deletedAt)));
  if (!row) return null;
  if (row.lastUsedAt.getTime() < Date.now() - 60_000) {
    await db.update(sessions).set({ lastUsedAt: sql`now()` }).where(and(eq(sessions.id, sid), lt(sessions.lastUsedAt, sql`now() - interval '1 minute'`)));
  }
  return row.user;
}

/** A user's sessions that are still on, most recently used first. */
export async function listActiveSessions(userId: string): Promise<Session[]> {
  const db = await getDb();
  return db.select().from(sessions).where(and(eq(sessions.userId, userId), isActive)).orderBy(desc(sessions.lastUsedAt), desc(sessions.createdAt));
}

/** How many sessions each of these users has on. Users without any are absent from the map. */
export async function countActiveSessions(userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const db = await getDb();
  const rows = await db
    .select({ userId: sessions.userId, n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(sql`${sessions.userId} in ${userIds}`, isActive))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}
