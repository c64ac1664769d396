import { expect, test, type Page } from '@playwright/test';
import { DEMO_APP_CLIENT_SECRET_DEFAULT } from '@/lib/gateway/demo/demo-world';
import { DEMO, GATEWAY_URL, PLATFORM_API_URL } from './support/env';
import { artifact, expectVerified, submitSignIn } from './support/pages';

const APP = 'run_acme_dashboard';
const APP_PATH = `/apps/${APP}`;

// A sign-in of its own, not the stored state the other specs share: signing out ends this session only.
test.use({ storageState: { cookies: [], origins: [] } });

/** The app session token the artifact sends its backend for /api/runs: the viewer's own, seen in her own browser. */
function subjectTokens(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname !== '/api/runs') return;
    void request.allHeaders().then((headers) => {
      const token = /^Bearer (\S+)$/.exec(headers.authorization ?? '')?.[1];
      if (token) seen.push(token);
    });
  });
  return seen;
}

/**
 * The same exchange the artifact's backend makes (SPEC §17), with the demo world's client secret of
 * the dashboard and the viewer's token: an access token of her session, as the backend holds.
 */
async function exchange(subjectToken: string): Promise<string> {
  const response = await fetch(`${GATEWAY_URL}/v1/app-gateway/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${APP}:${DEMO_APP_CLIENT_SECRET_DEFAULT}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subjectToken,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      audience: 'platform-api',
      scope: 'runs:read',
    }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const platformRuns = (accessToken: string) => fetch(`${PLATFORM_API_URL}/runs`, { headers: { authorization: `Bearer ${accessToken}` } });

test('the sample dashboard lists alice’s runs through the platform API as her; after she signs out elsewhere, the API refuses her access token', async ({ context }) => {
  const viewer = await context.newPage();
  const tokens = subjectTokens(viewer);
  await viewer.goto(APP_PATH);
  await viewer.waitForURL(/\/signin\?callbackUrl=/);
  await submitSignIn(viewer, DEMO.alice.email);
  await viewer.waitForURL(APP_PATH);
  await expectVerified(viewer, DEMO.alice.name);

  const frame = artifact(viewer);
  await expect(frame.locator('#runs-heading')).toHaveText(`Your runs (through the platform API, as ${DEMO.alice.name})`);
  await expect(frame.locator('#runs-list li')).toHaveText([
    'Sales dashboard — Weekly reports, ready (run_acme_dashboard)',
    'Public status page — Weekly reports, ready (run_acme_public)',
    'Quarterly forecast — Weekly reports, building (run_acme_building)',
    'Team roster (plain) — Weekly reports, ready (run_acme_plain)',
  ]);

  expect(tokens.length).toBeGreaterThan(0);
  const accessToken = await exchange(tokens.at(-1)!);
  const before = await platformRuns(accessToken);
  expect(before.status).toBe(200);
  expect(await before.json()).toMatchObject({ sub: DEMO.alice.id, org_id: 'org_acme' });

  const other = await context.newPage();
  await other.goto('/');
  await other.getByTestId('sign-out').click();
  await other.waitForURL(/\/signin/);

  // The platform API follows the gateway's revocation feed: within 30 s it refuses the old token.
  let after = await platformRuns(accessToken);
  for (const deadline = Date.now() + 30_000; after.status === 200 && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    after = await platformRuns(accessToken);
  }
  expect(after.status).toBe(401);
  expect(after.headers.get('www-authenticate')).toContain('error="invalid_token"');
  expect(await after.json()).toMatchObject({ code: 'token_revoked' });
  // And the artifact forgets the runs with the viewer.
  await expect(frame.locator('#runs-list li')).toHaveCount(0);
  await expect(frame.locator('#runs-status')).toHaveText('session ended');
});
