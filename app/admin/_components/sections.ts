/**
 * The console's sections, in tab order: the nav's tabs and the overview's cards both come from these
 * lists, so no section has a tab without a card. The org's are for admins of the active org, the
 * platform's for platform admins.
 */
type AdminSection = { href: string; title: string; text: string };

const ORG_SECTIONS: AdminSection[] = [
  { href: '/admin/apps', title: 'Apps', text: 'Register, edit and delete your organization’s apps; see when each was last opened.' },
  { href: '/admin/test-mint', title: 'Test mint', text: 'Mint a token as yourself through the real endpoint and see it verified.' },
  { href: '/admin/inspect', title: 'Token inspector', text: 'Paste any token: every check, with the reason, against this gateway’s keys.' },
  { href: '/admin/audit', title: 'Audit log', text: 'Every mint and every refusal in your organization; filter and export as CSV.' },
  { href: '/admin/members', title: 'Members', text: 'Who is in your organization, with which role. Changes apply at the next mint.' },
  { href: '/admin/groups', title: 'Groups', text: 'Groups of your members: open an app to a whole group; members set here, by sign-ins or by your directory (SCIM).' },
  { href: '/admin/access-requests', title: 'Access requests', text: 'People refused one of your apps who asked to open it: approve for a time or until taken away, or deny.' },
  { href: '/admin/invitations', title: 'Invitations', text: 'Invite an email with a role: they accept or decline it on their home page. Revoke a pending one.' },
  { href: '/admin/webhooks', title: 'Webhooks', text: 'Stream every audit event to your own endpoints, signed; see what is waiting and why a delivery failed.' },
  { href: '/admin/service-accounts', title: 'Service accounts', text: 'Credentials for the pipelines that register apps through the management API: scopes, expiry, rotation, revocation.' },
  { href: '/admin/settings', title: 'Settings', text: 'Whether your organization’s apps may be shared beyond it: share links, and public apps.' },
];

const PLATFORM_SECTIONS: AdminSection[] = [
  { href: '/admin/keys', title: 'Signing keys', text: 'Rotate, activate and revoke the keys every token is signed with.' },
  { href: '/admin/resources', title: 'Resources', text: 'The platform APIs apps may call as their viewer, with the scopes each offers: add and remove them.' },
  { href: '/admin/platform-log', title: 'Platform log', text: 'Refusals in no organization’s log: no or invalid credentials, unknown API tokens, outsiders probing app ids, cross-site calls.' },
];

/** The sections open to a viewer who is (or is not) an admin of the active org and a platform admin. */
export const sectionsFor = (orgAdmin: boolean, platformAdmin: boolean) => [...(orgAdmin ? ORG_SECTIONS : []), ...(platformAdmin ? PLATFORM_SECTIONS : [])];
