import { randomBytes } from 'node:crypto';

// Ids of access requests (`arq_`) and app grants (`grt_`): not secrets (they appear in the console,
// the API and the audit log), unguessable all the same.

const random = () => randomBytes(18).toString('base64url');

export const newAccessRequestId = () => `arq_${random()}`;
export const newGrantId = () => `grt_${random()}`;

/** What the ids look like; anything else is refused before any look-up. */
export const isWellFormedAccessRequestId = (s: string) => /^arq_[A-Za-z0-9_-]{24}$/.test(s);
export const isWellFormedGrantId = (s: string) => /^grt_[A-Za-z0-9_-]{24}$/.test(s);
