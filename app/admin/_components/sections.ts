/**
 * The console's sections, in tab order: the nav's tabs and the overview's cards both come from this
 * list, so no section has a tab without a card. `org`: admins of the active org; `platform`: platform admins.
 */
type AdminSection = { href: string; title: string; text: string; for: 'org' | 'platform' };

const ADMIN_SECTIONS: AdminSection[] = [
  { for: 'org', href: '/admin/apps', title: 'Apps', text: 'Register, edit and delete your organization’s apps; see when each was last opened.' },
  { for: 'org', href: '/admin/test-mint', title: 'Test mint', text: 'Mint a token as yourself through the real endpoint and see it verified.' },
  { for: 'org', href: '/admin/inspect', title: 'Token inspector', text: 'Paste any token: every check, with the reason, against this gateway’s keys.' },
  { for: 'org', href: '/admin/audit', title: 'Audit log', text: 'Every mint and every refusal in your organization; filter and export as CSV.' },
  { for: 'org', href: '/admin/members', title: 'Members', text: 'Who is in your organization, with which role. Changes apply at the next mint.' },
  { for: 'org', href: '/admin/groups', title: 'Groups', text: 'Groups of your members: open an app to a whole group; members set here, by sign-ins or by your directory (SCIM).' },
  {
    for: 'org',
    href: '/admin/access-requests',
    title: 'Access requests',
    text: 'People refused one of your apps who asked to open it: approve for a time or until taken away, or deny.',
  },
  { for: 'org', href: '/admin/invitations', title: 'Invitations', text: 'Invite an email with a role: they accept or decline it on their home page. Revoke a pending one.' },
  { for: 'org', href: '/admin/webhooks', title: 'Webhooks', text: 'Stream every audit event to your own endpoints, signed; see what is waiting and why a delivery failed.' },
  {
    for: 'org',
    href: '/admin/service-accounts',
    title: 'Service accounts',
    text: 'Credentials for the pipelines that register apps through the management API: scopes, expiry, rotation, revocation.',
  },
  {
    for: 'org',
    href: '/admin/settings',
    title: 'Settings',
    text: 'Whether your organization’s apps may be shared beyond it: share links, and public apps.',
  },
  { for: 'platform', href: '/admin/keys', title: 'Signing keys', text: 'Rotate, activate and revoke the keys every token is signed with.' },
  {
    for: 'platform',
    href: '/admin/resources',
    title: 'Resources',
    text: 'The platform APIs apps may call as their viewer, with the scopes each offers: add and remove them.',
  },
  {
    for: 'platform',
    href: '/admin/platform-log',
    title: 'Platform log',
    text: 'Refusals in no organization’s log: no or invalid credentials, unknown API tokens, outsiders probing app ids, cross-site calls.',
  },
];

/** The sections open to a viewer who is (or is not) an admin of the active org and a platform admin. */
export const sectionsFor = (orgAdmin: boolean, platformAdmin: boolean) =>
  ADMIN_SECTIONS.filter((s) => (s.for === 'org' ? orgAdmin : platformAdmin));
