import { sql } from 'drizzle-orm';
import { rowsOf, type Transaction } from '@/db/client';
import { recordRevocations } from '@/lib/gateway/revocations/record';
import { ruleAdmits } from '../access/rule-sql';

/**
 * People who left a group (removed, the group deleted, or the group taken off an app's rule) lose
 * their live tokens for the apps it opened: a `{ sub, aud }` feed entry for each of those apps that
 * now leaves them out, the way a person taken off an app's list does. Someone the app still admits
 * another way (an admin, listed, in another listed group, a live grant) gets none. Call it inside
 * the change's transaction, after the change.
 */
export async function revokeLeavers(tx: Transaction, orgId: string, userIds: string[], appIds: string[]): Promise<void> {
  if (userIds.length === 0 || appIds.length === 0) return;
  const people = sql.join([...new Set(userIds)].map((id) => sql`(${id}::text)`), sql`, `);
  const apps = sql.join([...new Set(appIds)].map((id) => sql`${id}::text`), sql`, `);
  const result = await tx.execute(sql`
    select u.id as sub, runs.id as aud
    from runs cross join (values ${people}) as u(id)
      left join memberships on memberships.user_id = u.id and memberships.org_id = runs.org_id
    where runs.org_id = ${orgId} and runs.id in (${apps}) and runs.deleted_at is null
      and not (memberships.user_id is not null and ${ruleAdmits(sql`u.id`)})
      and not exists (select 1 from app_grants g where g.app_id = runs.id and g.user_id = u.id
        and g.ended_at is null and (g.ends_at is null or g.ends_at > now()))`);
  await recordRevocations(tx, rowsOf<{ sub: string; aud: string }>(result));
}
