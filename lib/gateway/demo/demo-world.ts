/** The demo world of SPEC §7. Every demo user's password is DEMO_PASSWORD. */
export const DEMO_PASSWORD = 'demo-password';

/** Acme shares its apps beyond the org (links and public apps, SPEC §15); Globex keeps the default, off. */
export const demoOrgs = [
  { id: 'org_acme', name: 'Acme Inc', externalSharing: 'links_and_public' as const },
  { id: 'org_globex', name: 'Globex Corp', externalSharing: 'off' as const },
];

export const demoUsers = [
  { id: 'usr_alice', email: 'alice@acme.test', name: 'Alice Anders', isPlatformAdmin: true, lastActiveOrgId: 'org_acme' },
  { id: 'usr_bob', email: 'bob@globex.test', name: 'Bob Bauer', isPlatformAdmin: false, lastActiveOrgId: 'org_globex' },
  { id: 'usr_carol', email: 'carol@example.test', name: 'Carol Chen', isPlatformAdmin: false, lastActiveOrgId: 'org_globex' },
  { id: 'usr_dave', email: 'dave@example.test', name: 'Dave Diaz', isPlatformAdmin: false, lastActiveOrgId: null },
];

export const demoMemberships = [
  { userId: 'usr_alice', orgId: 'org_acme', role: 'admin' as const },
  { userId: 'usr_bob', orgId: 'org_globex', role: 'member' as const },
  { userId: 'usr_carol', orgId: 'org_acme', role: 'member' as const },
  { userId: 'usr_carol', orgId: 'org_globex', role: 'admin' as const },
];

export const demoWorkflows = [
  { id: 'wf_acme_reports', orgId: 'org_acme', name: 'Weekly reports' },
  { id: 'wf_acme_onboarding', orgId: 'org_acme', name: 'Onboarding' },
  { id: 'wf_globex_ops', orgId: 'org_globex', name: 'Ops tracker' },
];

/** Every demo app is open to everyone in its org: the browser tests that restrict one restore it. */
export const demoRuns = [
  { id: 'run_acme_dashboard', orgId: 'org_acme', workflowId: 'wf_acme_reports', title: 'Sales dashboard', access: 'login_required' as const, accessRule: 'everyone' as const, ready: true },
  { id: 'run_acme_onboarding', orgId: 'org_acme', workflowId: 'wf_acme_onboarding', title: 'Onboarding checklist', access: 'login_required' as const, accessRule: 'everyone' as const, ready: true },
  { id: 'run_acme_public', orgId: 'org_acme', workflowId: 'wf_acme_reports', title: 'Public status page', access: 'public' as const, accessRule: 'everyone' as const, ready: true },
  { id: 'run_globex_tracker', orgId: 'org_globex', workflowId: 'wf_globex_ops', title: 'Ops tracker', access: 'login_required' as const, accessRule: 'everyone' as const, ready: true },
  { id: 'run_acme_building', orgId: 'org_acme', workflowId: 'wf_acme_reports', title: 'Quarterly forecast', access: 'login_required' as const, accessRule: 'everyone' as const, ready: false },
];

/** Served by the artifact proxy from a plain upstream that has no token code at all (SPEC §11). */
export const demoProxiedRuns = [
  { id: 'run_acme_plain', orgId: 'org_acme', workflowId: 'wf_acme_reports', title: 'Team roster (plain)', access: 'login_required' as const },
];

/**
 * The demo platform API (SPEC §17, served by `npm run artifact-host`): the resource it is, and the
 * sample dashboard allowed to read the viewer's runs there.
 */
export const demoResource = { id: 'platform-api', scopes: ['runs:read', 'runs:write'] };
export const demoAllowance = { appId: 'run_acme_dashboard', resourceId: demoResource.id, scopes: ['runs:read'], guests: false };

/**
 * The dashboard's client secret for the demo: the seed stores its hash (like any other) under this id,
 * and the artifact host exchanges with it. Both read DEMO_APP_CLIENT_SECRET; its default is public, like
 * DEMO_PASSWORD. Outside the demo an org admin creates secrets with `app credential create`.
 */
export const DEMO_CREDENTIAL_ID = 'cred_demo_run_acme_dashboard';
export const DEMO_APP_CLIENT_SECRET_DEFAULT = 'agw_cs_public-demo-secret-of-run_acme_dashboard-00';
