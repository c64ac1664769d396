import { listMemberships, rememberActiveOrg } from './user-queries';

/** The org a user acts in after sign-in: the one they last chose, if still a member, else their first. */
export async function initialActiveOrg(userId: string, lastActiveOrgId: string | null): Promise<string | null> {
  const mine = await listMemberships(userId);
  return (mine.find((m) => m.orgId === lastActiveOrgId) ?? mine[0])?.orgId ?? null;
}

/** Switching is only to an org the user is a member of; returns the org id, or null when refused. */
export async function switchableOrg(userId: string, orgId: string): Promise<string | null> {
  const mine = await listMemberships(userId);
  if (!mine.some((m) => m.orgId === orgId)) return null;
  await rememberActiveOrg(userId, orgId);
  return orgId;
}
