import { expect, test, type Page } from '@playwright/test';
import { confirmAction, expectForbidden, mintWithCookie, registerApp, snap } from './support/admin';
import { expectAccessible } from './support/axe';
import { GATEWAY_URL, PLAIN_UPSTREAM_URL, storageStatePath } from './support/env';
import { captureAction, replayAction as replay } from './support/replay';

// "Acting as the viewer" (SPEC §17) on the console: a platform admin registers a resource, an org
// admin allows their app scopes on it and creates its client secret (shown once), and the app's
// backend exchanges a viewer's token with it. Members get the 403 page; their replayed actions do nothing.

const CLIENT_SECRET = /^agw_cs_[A-Za-z0-9_-]{20,}$/;
const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

/** Registers a resource on /admin/resources (alice is a platform admin); its id is unique to this run. */
async function addResource(page: Page, scopes: string): Promise<string> {
  const id = `e2e-api-${Date.now()}`;
  await page.goto('/admin/resources');
  const form = page.getByTestId('add-resource');
  await form.getByLabel('Resource id').fill(id);
  await form.getByLabel('Scopes (space-separated)').fill(scopes);
  await form.getByRole('button', { name: 'Add resource' }).click();
  await expect(page.getByTestId('add-resource-ok')).toContainText(`Added ${id}.`);
  await expect(page.locator(`[data-testid="resource-row"][data-resource-id="${id}"]`).getByTestId('resource-scopes')).toHaveText(scopes.replace(' ', ''));
  return id;
}

const exchange = (subjectToken: string, clientId: string, secret: string, audience: string, scope: string) =>
  fetch(`${GATEWAY_URL}/v1/app-gateway/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: EXCHANGE, subject_token: subjectToken, subject_token_type: 'urn:ietf:params:oauth:token-type:jwt', audience, scope }).toString(),
  });

test.describe('alice, admin of Acme and a platform admin', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('allows her app a scope on a resource and creates its client secret (shown once); the app exchanges with it', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const resource = await addResource(page, 'runs:read runs:write');
    await expectAccessible(page, testInfo, 'resources, one added');
    const appId = await registerApp(page, { title: `E2E acting ${Date.now()}`, workflow: 'Weekly reports' });
    await page.goto(`/admin/apps/${appId}`);
    const section = page.getByTestId('acting-as-viewer');
    await expect(section.getByRole('heading', { name: 'Acting as the viewer' })).toBeVisible();
    await expect(section.getByTestId('allowances-table')).toContainText('Nowhere yet');

    // Allow runs:read on the resource, members only.
    const form = section.locator(`[data-testid="allowance-form"][data-resource-id="${resource}"]`);
    await form.getByTestId('allow-scope-runs:read').check();
    await form.getByRole('button', { name: `Save ${resource}` }).click();
    await expect(page.getByTestId('allowance-ok')).toContainText('Saved.');
    const row = section.locator(`[data-testid="allowance-row"][data-resource-id="${resource}"]`);
    await expect(row.getByTestId('allowance-scopes')).toHaveText('runs:read');
    await expect(row.getByTestId('allowance-guests')).toHaveText('Members only');
    await expect(form.getByTestId('allow-scope-runs:read')).toBeChecked();
    await expect(form.getByTestId('allow-scope-runs:write')).not.toBeChecked();

    // A client secret, shown once, focused.
    await section.getByTestId('create-client-secret').getByRole('button', { name: 'Create client secret' }).click();
    const box = page.getByTestId('new-client-secret');
    await expect(box).toContainText('shown only this once');
    await expect(box).toBeFocused();
    const secret = (await page.getByTestId('new-client-secret-value').innerText()).trim();
    expect(secret).toMatch(CLIENT_SECRET);
    const secretRow = section.getByTestId('client-secret-row');
    await expect(secretRow).toHaveCount(1);
    await expect(secretRow).toHaveAttribute('data-state', 'live');
    await expect(secretRow).toContainText(`${secret.slice(0, 12)}…`);
    await expect(secretRow.getByTestId('client-secret-last-used')).toHaveText('Never');
    await snap(page, testInfo, 'acting-as-viewer');
    await expectAccessible(page, testInfo, 'app page, acting as the viewer, secret shown');

    // Shown once: after a reload, nowhere on the page.
    await page.reload();
    await expect(page.getByTestId('new-client-secret')).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // The app's backend exchanges alice's token with it: runs:read is allowed, runs:write is not.
    const minted = await mintWithCookie(page.request, appId);
    expect(minted.status()).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const allowed = await exchange(token, appId, secret, resource, 'runs:read');
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { scope: string }).scope).toBe('runs:read');
    const refused = await exchange(token, appId, secret, resource, 'runs:write');
    expect({ status: refused.status, body: await refused.json() }).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    await page.reload();
    await expect(section.getByTestId('client-secret-last-used')).toContainText(' UTC');

    // Revoked: the next exchange is refused (401 invalid_client).
    await confirmAction(section.getByTestId('client-secret-row'), 'revoke-client-secret', 'refused from the next one');
    await expect(section.getByTestId('client-secret-row')).toHaveAttribute('data-state', 'revoked');
    const afterRevoke = await exchange(token, appId, secret, resource, 'runs:read');
    expect(afterRevoke.status).toBe(401);

    // Taken away: the resource leaves the list.
    await confirmAction(row, 'disallow-resource', 'may no longer act for its viewers');
    await expect(row).toHaveCount(0);
    await expect(section.getByTestId('allowances-table')).toContainText('Nowhere yet');
  });

  test('a scope the resource does not offer, sent by an edited form, is refused and nothing is allowed', async ({ page }) => {
    const resource = await addResource(page, 'runs:read');
    await page.goto('/admin/apps/run_acme_onboarding');
    const form = page.locator(`[data-testid="allowance-form"][data-resource-id="${resource}"]`);
    await form.evaluate((el: HTMLFormElement) => {
      const extra = document.createElement('input');
      Object.assign(extra, { type: 'hidden', name: 'scope', value: 'admin:everything' });
      el.append(extra);
    });
    await form.getByRole('button', { name: `Save ${resource}` }).click();
    await expect(page.getByTestId('allowance-scopes-error')).toContainText(`${resource} does not offer admin:everything`);
    await page.reload();
    await expect(page.locator(`[data-testid="allowance-row"][data-resource-id="${resource}"]`)).toHaveCount(0);
  });
});

/** Registers an app served by the artifact proxy from the demo upstream; its id. */
async function registerProxiedApp(page: Page, title: string): Promise<string> {
  await page.goto('/admin/apps');
  const form = page.getByTestId('register-app');
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Workflow').selectOption({ label: 'Weekly reports' });
  await form.getByLabel('Served').selectOption({ label: 'Served by the artifact proxy from upstream URL' });
  await form.getByLabel('Upstream URL').fill(`${PLAIN_UPSTREAM_URL}/`);
  await form.getByRole('button', { name: 'Register app' }).click();
  await expect(page.getByTestId('register-app-ok')).toContainText(`Registered “${title}” as run_`);
  const href = await page.getByTestId('register-app-open').getAttribute('href');
  return decodeURIComponent(href!.replace('/apps/', ''));
}

test.describe('the artifact proxy acts for the viewer (a proxied app)', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('alice turns it on for an allowed resource: a credential only the proxy holds, never shown, not one of the two; replays by others do nothing; off revokes it', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const resource = await addResource(page, 'runs:read');
    const appId = await registerProxiedApp(page, `E2E proxy acting ${Date.now()}`);
    const path = `/admin/apps/${appId}`;
    await page.goto(path);
    const section = page.getByTestId('acting-as-viewer');
    const proxy = section.getByTestId('proxy-acting');
    await expect(proxy.getByTestId('proxy-acting-state')).toContainText('Off');
    await expect(proxy).toContainText('Allow it scopes on a resource first.');

    const allowance = section.locator(`[data-testid="allowance-form"][data-resource-id="${resource}"]`);
    await allowance.getByTestId('allow-scope-runs:read').check();
    await allowance.getByRole('button', { name: `Save ${resource}` }).click();
    await expect(page.getByTestId('allowance-ok')).toContainText('Saved.');

    const form = proxy.getByTestId('proxy-acting-form');
    await form.getByLabel('Resource the proxy gets the viewer’s access token for').selectOption(resource);
    const turnOn = await captureAction(page, path, () => form.getByRole('button', { name: 'Turn on' }).click());
    await page.goto(path); // the aborted action left the page on its error card
    for (const as of ['bob', 'carol'] as const) {
      const answer = await replay(as, path, turnOn);
      expect(answer.text).not.toContain('now acts for the viewer');
      expect(answer.text).not.toMatch(/agw_cs_/);
    }
    await page.reload();
    await expect(proxy.getByTestId('proxy-acting-state')).toContainText('Off');

    await proxy.getByTestId('proxy-acting-form').getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByTestId('proxy-acting-ok')).toContainText('The artifact proxy now acts for the viewer.');
    await expect(proxy.getByTestId('proxy-acting-state')).toHaveAttribute('data-resource-id', resource);
    const proxyRow = section.locator('[data-testid="client-secret-row"]', { has: page.getByTestId('client-secret-proxy') });
    await expect(proxyRow).toHaveAttribute('data-state', 'live');
    await expect(proxyRow.getByTestId('client-secret-proxy')).toHaveText(`The artifact proxy’s, for ${resource}`);
    expect(await page.content()).not.toMatch(/agw_cs_[A-Za-z0-9_-]{20,}/);
    await expectAccessible(page, testInfo, 'app page, the proxy acts for the viewer');

    // Not one of the two: the app's backend still gets its own two secrets.
    for (let i = 0; i < 2; i++) {
      await page.goto(path);
      await section.getByTestId('create-client-secret').getByRole('button', { name: 'Create client secret' }).click();
      await expect(page.getByTestId('new-client-secret')).toContainText('shown only this once');
    }
    await page.goto(path);
    await expect(section.locator('[data-testid="client-secret-row"][data-state="live"]')).toHaveCount(3);

    await confirmAction(proxy, 'proxy-acting-off', 'the upstream gets no access token');
    await expect(proxy.getByTestId('proxy-acting-state')).toContainText('Off');
    await expect(proxyRow).toHaveAttribute('data-state', 'revoked');
  });
});

test.describe('abuse of the section', () => {
  test.use({ storageState: storageStatePath('alice') });

  test('creating a client secret and allowing a scope, replayed by a member or an admin of another org, do nothing', async ({ page }) => {
    test.setTimeout(90_000);
    const resource = await addResource(page, 'runs:read');
    const appId = await registerApp(page, { title: `E2E acting replay ${Date.now()}`, workflow: 'Weekly reports' });
    const path = `/admin/apps/${appId}`;
    await page.goto(path);
    const section = page.getByTestId('acting-as-viewer');

    const create = await captureAction(page, path, () => section.getByTestId('create-client-secret').getByRole('button', { name: 'Create client secret' }).click());
    await page.goto(path); // the aborted action left the page on its error card
    const form = section.locator(`[data-testid="allowance-form"][data-resource-id="${resource}"]`);
    await form.getByTestId('allow-scope-runs:read').check();
    const allow = await captureAction(page, path, () => form.getByRole('button', { name: `Save ${resource}` }).click());

    for (const captured of [create, allow]) {
      const member = await replay('bob', path, captured);
      expect(member.text).toContain('Only admins of this organization can do that.');
      expect(member.text).not.toMatch(/agw_cs_/);
      // Carol administers Globex, where her session acts: Acme's app is answered like an unknown one.
      const otherOrg = await replay('carol', path, captured);
      expect(otherOrg.text).toContain('not in Globex Corp');
      expect(otherOrg.text).not.toMatch(/agw_cs_/);
    }
    await page.reload();
    await expect(section.getByTestId('client-secret-row')).toHaveCount(0);
    await expect(section.getByTestId('allowance-row')).toHaveCount(0);

    // The same requests from alice's own page do work: the replays were faithful.
    expect((await replay('alice', path, create)).text).toMatch(/agw_cs_/);
    expect((await replay('alice', path, allow)).text).toContain('Saved.');
    await page.reload();
    await expect(section.getByTestId('client-secret-row')).toHaveCount(1);
    await expect(section.getByTestId('allowance-row')).toHaveCount(1);
  });

  test('adding a resource, replayed by someone who is not a platform admin, does nothing', async ({ page }) => {
    await page.goto('/admin/resources');
    const id = `e2e-replayed-${Date.now()}`;
    const form = page.getByTestId('add-resource');
    await form.getByLabel('Resource id').fill(id);
    await form.getByLabel('Scopes (space-separated)').fill('runs:read');
    const captured = await captureAction(page, '/admin/resources', () => form.getByRole('button', { name: 'Add resource' }).click());
    const answer = await replay('carol', '/admin/resources', captured);
    expect(answer.text).not.toContain(`Added ${id}`);
    await page.reload();
    await expect(page.locator(`[data-testid="resource-row"][data-resource-id="${id}"]`)).toHaveCount(0);
  });
});

test.describe('bob, a member of Globex (not an admin)', () => {
  test.use({ storageState: storageStatePath('bob') });

  test('gets the 403 page: no section, no secrets, no resources', async ({ page }) => {
    await expectForbidden(page, '/admin/apps/run_acme_dashboard', { hidden: ['acting-as-viewer'], unsent: /agw_cs_|cred_/ });
    await expectForbidden(page, '/admin/resources', { forWhom: 'Platform admins only', hidden: ['resources-table'] });
  });
});
