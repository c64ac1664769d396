import { requireScope, type ManagementCaller } from '@/lib/auth/management-caller';
import { GatewayError } from '../errors';

/**
 * Whether the org's sharing switch (SPEC §15, `external_sharing`) allows public apps. The switch
 * does not exist yet (issue #27): every org counts as `off`, its default, so nothing is public.
 */
export async function orgAllowsPublicApps(_orgId: string): Promise<boolean> {
  return false;
}

/** `visibility: public` needs the scope shares:write (403) and the org's sharing switch (409 sharing_disabled). */
export async function requirePublicAllowed(caller: ManagementCaller): Promise<void> {
  requireScope(caller, 'shares:write');
  if (!(await orgAllowsPublicApps(caller.orgId))) {
    throw new GatewayError('sharing_disabled', 'Public apps need the organization’s sharing switch at links_and_public; it is off.');
  }
}
