import { requireScope, type ManagementCaller } from '@/lib/auth/management-caller';
import { refusal, type Result } from '../errors';
import { allowsPublic } from '../sharing/sharing-levels';
import { orgSharing } from '../sharing/sharing-switch';

/** `visibility: public` needs the scope shares:write (403) and the org's sharing switch at links_and_public (409 sharing_disabled). */
export async function requirePublicAllowed(caller: ManagementCaller): Promise<Result> {
  const scoped = requireScope(caller, 'shares:write');
  if (!scoped.ok) return scoped;
  const level = await orgSharing(caller.orgId);
  if (!level || !allowsPublic(level)) return refusal('sharing_disabled', `Public apps need the organization’s sharing switch at links_and_public; it is ${level ?? 'off'}.`);
  return { ok: true };
}
