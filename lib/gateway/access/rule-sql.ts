import { sql, type SQL } from 'drizzle-orm';
import { appAccessGroups, appAccessMembers, groupMembers, memberships, runs } from '@/db/schema';

/**
 * Whether the app's access rule lets this membership in: for queries that join `runs` with the
 * viewer's row of `memberships`. `members` admits the listed people and the members of the listed
 * groups (SPEC §18). The mint's statement (mint/authorize-and-audit.ts) says the same in its own SQL;
 * e2e/integration/access-suite.ts holds the two to the same answers.
 */
export function ruleAdmits(userId: string | SQL): SQL {
  return sql`(${runs.accessRule} = 'everyone' or ${memberships.role} = 'admin' or (${runs.accessRule} = 'members' and (exists (
    select 1 from ${appAccessMembers} where ${appAccessMembers.appId} = ${runs.id} and ${appAccessMembers.userId} = ${userId}) or exists (
    select 1 from ${appAccessGroups} join ${groupMembers} on ${groupMembers.groupId} = ${appAccessGroups.groupId}
    where ${appAccessGroups.appId} = ${runs.id} and ${groupMembers.userId} = ${userId}))))`;
}
