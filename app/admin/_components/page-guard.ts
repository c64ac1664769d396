import { requireOrgAdmin, requirePlatformAdmin, type OrgAdmin, type PlatformAdmin } from '@/lib/auth/require-role';
import { refuse } from './forbidden';

/** The admin of the active org a console page at `path` is for; anyone else goes to sign-in or gets the 403 page. */
export async function orgAdminPage(path: string): Promise<OrgAdmin> {
  const admin = await requireOrgAdmin();
  if (!admin.ok) refuse(admin, path);
  return admin;
}

/** `orgAdminPage`, then what the page lists of that admin's org (read only once the role is checked). */
export async function orgAdminPageWith<T>(path: string, load: (orgId: string) => Promise<T>): Promise<[OrgAdmin, T]> {
  const admin = await orgAdminPage(path);
  return [admin, await load(admin.orgId)];
}

/** The platform admin a console page at `path` is for; anyone else goes to sign-in or gets the 403 page. */
export async function platformAdminPage(path: string): Promise<PlatformAdmin> {
  const admin = await requirePlatformAdmin();
  if (!admin.ok) refuse(admin, path);
  return admin;
}
