import { sql, type SQL } from 'drizzle-orm';
import { appAccessMembers, memberships, runs } from '@/db/schema';

/**
 * Whether the app's access rule lets this membership in: for queries that join `runs` with the
 * viewer's row of `memberships`. The mint's statement (mint/authorize-and-audit.ts) says the same
 * in its own SQL; e2e/integration/access-suite.ts holds the two to the same answers.
 */
export function ruleAdmits(userId: string): SQL {
  return sql`(${runs.accessRule} = 'everyone' or ${memberships.role} = 'admin' or (${runs.accessRule} = 'members' and exists (
    select 1 from ${appAccessMembers} where ${appAccessMembers.appId} = ${runs.id} and ${appAccessMembers.userId} = ${userId})))`;
}
