// The mint's other ways in, set up on the demo world for `npm run bench:domain -- --compare`: a
// viewer outside the app's rule admitted by a live app grant, and a guest through a share link.
// Import after the demo world has started (the modules read its environment).

const CLIENT = { ip: '127.0.0.1', userAgent: 'bench' };

/** Onboarding's rule becomes `admins`; Carol (a member) asks for access and an admin approves it: a live grant. */
export async function grantCarolOnboarding(): Promise<string> {
  const { setAppAccessRule } = await import('@/lib/gateway/access/app-access');
  const { requestAccess } = await import('@/lib/gateway/access-requests/request-access');
  const { approveAccessRequest, listPendingRequests } = await import('@/lib/gateway/access-requests/requests-inbox');
  const { OPERATOR } = await import('@/lib/gateway/audit/actor');
  const appId = 'run_acme_onboarding';
  const set = await setAppAccessRule({ orgId: 'org_acme', appId, rule: 'admins', memberIds: [], actor: OPERATOR });
  if (!set.ok) throw new Error(`rule refused: ${set.reason}`);
  const asked = await requestAccess({ userId: 'usr_carol', appId, note: 'bench', ...CLIENT });
  if (!asked.ok) throw new Error(`request refused: ${asked.code}`);
  const request = (await listPendingRequests('org_acme')).find((r) => r.appId === appId && r.userId === 'usr_carol');
  if (!request) throw new Error('no pending request');
  const approved = await approveAccessRequest({ orgId: 'org_acme', requestId: request.id, actor: OPERATOR, seconds: null, ...CLIENT });
  if (!approved.ok) throw new Error(`approval refused: ${approved.code}`);
  return appId;
}

/** The org allows links; a link to the dashboard is made and opened by an anonymous guest: that guest session's cookie secret. */
export async function dashboardGuestSecret(): Promise<string> {
  const { setOrgSharing } = await import('@/lib/gateway/sharing/sharing-switch');
  const { createShareLink } = await import('@/lib/gateway/sharing/share-links');
  const { openShareLink } = await import('@/lib/gateway/sharing/open-link');
  const { OPERATOR } = await import('@/lib/gateway/audit/actor');
  await setOrgSharing({ orgId: 'org_acme', level: 'links', actor: OPERATOR });
  const made = await createShareLink({ orgId: 'org_acme', appId: 'run_acme_dashboard', input: { expiresInSeconds: 86400, maxUses: null }, actor: OPERATOR, ...CLIENT });
  if (!made.ok) throw new Error(`share link refused: ${made.reason}`);
  const secret = new URL(made.link.url).pathname.split('/').at(-1)!;
  const opened = await openShareLink({ secret, userId: null, displayName: 'Bench guest', currentGuestSecret: null, ...CLIENT });
  if (!opened.ok || !opened.guestSecret) throw new Error('share link did not open');
  return opened.guestSecret;
}
