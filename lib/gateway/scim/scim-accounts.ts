import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';

/**
 * Whether an account an org's SCIM client created (SPEC §18: no password) may be linked to an
 * external sign-in now: `not_scim` for any other account; `unbound` until its first OIDC sign-in
 * links an issuer's subject to it; `bound` after, when no other identity may take it over.
 */
export async function scimAccountBinding(userId: string): Promise<'not_scim' | 'unbound' | 'bound'> {
  const db = await getDb();
  const [row] = rowsOf<{ scim: boolean; bound: boolean }>(
    await db.execute(sql`
      select exists (select 1 from scim_users where user_id = ${userId} and created_account) as scim,
        exists (select 1 from accounts where user_id = ${userId}) as bound`),
  );
  if (!row?.scim) return 'not_scim';
  return row.bound ? 'bound' : 'unbound';
}
