import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { accounts } from '@/db/schema';

/**
 * Links an external identity (provider + subject) to an existing account, unless SPEC §18 forbids
 * it: an account an org's SCIM client created (no password) binds to the first OIDC sign-in at its
 * email and to no other identity, GitHub or another subject, before or after. False when refused.
 * The account's row is locked while the check and the link are made, so two first sign-ins with
 * different subjects at the same moment cannot both bind it.
 */
export async function linkIdentity(userId: string, provider: string, providerAccountId: string): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from users where id = ${userId} for update`);
    // A statement of its own after the lock: it sees a link the sign-in that held the lock made.
    const [row] = rowsOf<{ scim: boolean; bound: boolean }>(
      await tx.execute(sql`
        select exists (select 1 from scim_users where user_id = ${userId} and created_account) as scim,
          exists (select 1 from accounts where user_id = ${userId}) as bound`),
    );
    if (row?.scim && (row.bound || provider !== 'oidc')) return false;
    await tx.insert(accounts).values({ provider, providerAccountId, userId }).onConflictDoNothing();
    return true;
  });
}
