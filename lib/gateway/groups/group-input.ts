import type { GroupSource } from '@/db/schema';

// What a group's name and external id may hold, said once for the console, the CLI, the API and SCIM.

const GROUP_NAME_MAX = 200;
const EXTERNAL_ID_MAX = 256;

// Control characters (C0, DEL, C1) never belong in a name an admin reads.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why a display name is refused, or null when it is fine (after trimming). */
export function groupNameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return 'A group needs a name.';
  if (n.length > GROUP_NAME_MAX) return `A group name has at most ${GROUP_NAME_MAX} characters.`;
  if (CONTROL.test(n)) return 'A group name cannot hold control characters.';
  return null;
}

/** Why an external id is refused, or null (it is matched exactly, so it is not trimmed). */
export function externalIdProblem(externalId: string): string | null {
  if (!externalId) return 'An external id cannot be empty.';
  if (externalId.length > EXTERNAL_ID_MAX) return `An external id has at most ${EXTERNAL_ID_MAX} characters.`;
  if (CONTROL.test(externalId)) return 'An external id cannot hold control characters.';
  return null;
}

/**
 * Who manages a group of each source, and nothing else does: admins (console, CLI, management API)
 * manage `console` groups, and the name and existence of `oidc` groups, whose members only OIDC
 * sign-ins set; the org's SCIM client manages `scim` groups entirely.
 */
export function mayManage(via: GroupSource, source: GroupSource, what: 'definition' | 'members'): boolean {
  if (source === 'scim') return via === 'scim';
  if (source === 'console') return via === 'console';
  return what === 'members' ? via === 'oidc' : via === 'console';
}

/** The words a refusal uses for a group's manager. */
export const managerOf = (source: GroupSource, what: 'definition' | 'members') =>
  source === 'scim' ? 'the organization’s SCIM client' : source === 'oidc' && what === 'members' ? 'sign-ins through the identity provider (its groups claim)' : 'the organization’s admins';
