'use server';

import { unstable_update } from '@/lib/auth/auth';
import { currentViewer } from '@/lib/auth/current-viewer';

export type SwitchOrgResult = { ok: true; orgId: string } | { ok: false; error: string };

/**
 * Makes `orgId` the viewer's active org, if they are a member of it. The caller then refreshes the
 * page itself (router.refresh()): a render inside this action would still see the old session cookie.
 */
export async function switchActiveOrg(orgId: unknown): Promise<SwitchOrgResult> {
  if (typeof orgId !== 'string' || orgId.length === 0 || orgId.length > 128) {
    return { ok: false, error: 'Choose an organization.' };
  }
  const viewer = await currentViewer();
  if (!viewer) return { ok: false, error: 'Your session has ended. Sign in again.' };
  const membership = viewer.memberships.find((m) => m.orgId === orgId);
  // Same answer for unknown orgs and orgs the viewer is not in.
  if (!membership) return { ok: false, error: 'You are not a member of that organization.' };
  // The jwt callback re-checks membership before it changes the session.
  const session = await unstable_update({ activeOrgId: orgId });
  if (session?.activeOrgId !== orgId) return { ok: false, error: 'Could not switch organization. Try again.' };
  return { ok: true, orgId };
}
