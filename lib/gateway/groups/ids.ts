import { randomBytes } from 'node:crypto';

// Group ids (`grp_`): not secrets (the console, the API, SCIM and the audit log show them), unguessable all the same.

export const newGroupId = () => `grp_${randomBytes(18).toString('base64url')}`;

/** What a group id looks like; anything else is refused before any look-up. */
export const isWellFormedGroupId = (s: string) => /^grp_[A-Za-z0-9_-]{24}$/.test(s);
