/**
 * People of one spec each, in no organization, signed in with DEMO_PASSWORD. The browser suite has
 * no sign-up, so `create-spec-users.ts` adds them to the fresh database before the gateway starts.
 * The specs that invite, promote and remove people use these, and the demo users stay as seeded.
 */
export const SPEC_USERS = {
  /** admin-members.spec.ts: gets an "Add member" invitation and leaves it pending. */
  memberOffered: { id: 'usr_e2e_hana', email: 'hana@members.test', name: 'Hana Hale' },
  /** admin-members.spec.ts: invited, accepts, is promoted, demoted and removed. */
  memberCycled: { id: 'usr_e2e_erin', email: 'erin@members.test', name: 'Erin Ellis' },
  /** admin-invitations.spec.ts: declines an invitation. */
  inviteDeclined: { id: 'usr_e2e_dora', email: 'dora@invitations.test', name: 'Dora Dunn' },
  /** admin-invitations.spec.ts: accepts an invitation and opens an app. */
  inviteAccepted: { id: 'usr_e2e_jules', email: 'jules@invitations.test', name: 'Jules Jones' },
} as const;
