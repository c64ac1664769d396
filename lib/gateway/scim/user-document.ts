import { USER_SCHEMA } from './scim-values';
import type { UserState } from './user-state';

/** A SCIM user as stored: its state, the account's email and name, and its times. */
export type UserRecord = UserState & {
  id: string;
  orgId: string;
  userId: string;
  email: string;
  accountName: string;
  createdAccount: boolean;
  suspendedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The resource a client reads (RFC 7643 §4.1); `base` is the org's SCIM base URL. */
export function userDocument(u: UserRecord, base: string) {
  return {
    schemas: [USER_SCHEMA],
    id: u.id,
    ...(u.externalId === null ? {} : { externalId: u.externalId }),
    userName: u.userName,
    name: {
      ...(u.givenName === null ? {} : { givenName: u.givenName }),
      ...(u.familyName === null ? {} : { familyName: u.familyName }),
      formatted: [u.givenName, u.familyName].filter(Boolean).join(' ') || u.accountName,
    },
    displayName: u.displayName ?? u.accountName,
    emails: [{ value: u.email, type: 'work', primary: true }],
    active: u.active,
    meta: {
      resourceType: 'User',
      created: u.createdAt.toISOString(),
      lastModified: u.updatedAt.toISOString(),
      location: `${base}/Users/${u.id}`,
      version: `W/"${u.updatedAt.getTime()}"`,
    },
  };
}

export type UserDocument = ReturnType<typeof userDocument>;
