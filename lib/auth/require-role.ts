import { currentViewer, type CurrentViewer } from './current-viewer';

export type RoleRefusal = {
  ok: false;
  /** signed_out: no valid session; no_org: not acting in any org; not_admin / not_platform_admin: the role is missing. */
  reason: 'signed_out' | 'no_org' | 'not_admin' | 'not_platform_admin';
};

export type OrgAdmin = { ok: true; viewer: CurrentViewer; orgId: string; orgName: string };
export type PlatformAdmin = { ok: true; viewer: CurrentViewer };

/** An admin of the org the viewer is acting in; the org always comes from the session, and the role is read fresh. */
export async function requireOrgAdmin(): Promise<OrgAdmin | RoleRefusal> {
  const viewer = await currentViewer();
  if (!viewer?.id) return { ok: false, reason: 'signed_out' };
  const active = viewer.memberships.find((m) => m.orgId === viewer.activeOrgId);
  if (!active) return { ok: false, reason: 'no_org' };
  if (active.role !== 'admin') return { ok: false, reason: 'not_admin' };
  return { ok: true, viewer, orgId: active.orgId, orgName: active.orgName };
}

/** A platform admin (`users.is_platform_admin`), whatever org they act in. */
export async function requirePlatformAdmin(): Promise<PlatformAdmin | RoleRefusal> {
  const viewer = await currentViewer();
  if (!viewer?.id) return { ok: false, reason: 'signed_out' };
  if (!viewer.isPlatformAdmin) return { ok: false, reason: 'not_platform_admin' };
  return { ok: true, viewer };
}

/** Whether any part of the console is open to the viewer: an admin of the active org, or a platform admin. */
export function canOpenAdmin(viewer: CurrentViewer): boolean {
  return viewer.isPlatformAdmin || viewer.memberships.some((m) => m.orgId === viewer.activeOrgId && m.role === 'admin');
}

/** The sentence a refused server action answers with. */
export function refusalMessage(refusal: RoleRefusal): string {
  switch (refusal.reason) {
    case 'signed_out':
      return 'Your session has ended. Sign in again.';
    case 'no_org':
      return 'You are not acting in any organization.';
    case 'not_admin':
      return 'Only admins of this organization can do that.';
    case 'not_platform_admin':
      return 'Only platform admins can manage signing keys.';
  }
}
