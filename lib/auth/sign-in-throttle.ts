import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { signInThrottles } from '@/db/schema';
import { log } from '@/lib/platform/log';

/** Failed sign-ins for one email within the window that lock it. */
export const MAX_FAILED_SIGN_INS = 10;
const SIGN_IN_WINDOW_MINUTES = 15;
const SIGN_IN_LOCK_MINUTES = 15;

/** The `code` Auth.js carries for a sign-in refused because its email is locked. */
export const SIGN_IN_LOCKED = 'locked';
/** The same words whatever the password was, and for an email with or without an account. */
export const SIGN_IN_LOCKED_MESSAGE = `Too many failed sign-ins for this email: sign-in with it is paused for ${SIGN_IN_LOCK_MINUTES} minutes.`;

export type PasswordCheck = 'ok' | 'wrong' | 'locked';

const keyOf = (email: string) => email.trim().toLowerCase();

async function isLocked(key: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ key: signInThrottles.emailKey })
    .from(signInThrottles)
    .where(sql`${signInThrottles.emailKey} = ${key} and ${signInThrottles.lockedUntil} > now()`);
  return row !== undefined;
}

/** Counts one failure (a new window when the last one is over); locks the email at the limit. True when it is now locked. */
async function recordFailure(key: string): Promise<boolean> {
  const db = await getDb();
  const inWindow = sql`${signInThrottles.windowStartedAt} > now() - make_interval(mins => ${SIGN_IN_WINDOW_MINUTES})`;
  const [row] = await db
    .insert(signInThrottles)
    .values({ emailKey: key, failures: 1 })
    .onConflictDoUpdate({
      target: signInThrottles.emailKey,
      set: {
        failures: sql`case when ${inWindow} then ${signInThrottles.failures} + 1 else 1 end`,
        windowStartedAt: sql`case when ${inWindow} then ${signInThrottles.windowStartedAt} else now() end`,
      },
    })
    .returning({ failures: signInThrottles.failures });
  if (!row || row.failures < MAX_FAILED_SIGN_INS) return false;
  // The lock starts a fresh count: once it ends, the email gets its full number of tries again.
  await db
    .update(signInThrottles)
    .set({ lockedUntil: sql`now() + make_interval(mins => ${SIGN_IN_LOCK_MINUTES})`, failures: 0, windowStartedAt: sql`now()` })
    .where(eq(signInThrottles.emailKey, key));
  // The domain, never the email: the log carries no personal data (lib/platform/log-redaction.ts).
  log.warn('sign_in_locked', { emailDomain: key.slice(key.lastIndexOf('@') + 1), failures: row.failures, lockMinutes: SIGN_IN_LOCK_MINUTES });
  return true;
}

/**
 * A password sign-in under the per-email throttle. A locked email is refused before `verify` runs
 * (no scrypt time for it), whatever the password; a wrong password counts a failure, for unknown
 * emails too; a success clears the count.
 */
export async function throttledPasswordCheck(email: string, verify: () => Promise<boolean>): Promise<PasswordCheck> {
  const key = keyOf(email);
  if (await isLocked(key)) return 'locked';
  if (await verify()) {
    const db = await getDb();
    await db.delete(signInThrottles).where(eq(signInThrottles.emailKey, key));
    return 'ok';
  }
  return (await recordFailure(key)) ? 'locked' : 'wrong';
}
