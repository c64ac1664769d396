import { beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { setOrgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { ERRORS } from '@/lib/platform/http/problem';
import type { DbKind } from './harness/databases';
import { expectProblem } from './harness/expect-problem';
import { gatewayForSuite, APP_URL } from './harness/gateway-fixture';
import { apiToken, managementApi, serviceAccountToken } from './harness/management';

type App = Record<string, unknown> & { id: string; access: { rule: string; members: string[]; groups: string[] } };
type Problem = Record<string, unknown> & { errors?: Array<{ pointer: string; detail: string }> };

const ORG = '/v1/orgs/org_acme';
let serial = 0;
/** A fresh run id and its own artifact origin (one origin per app). */
function newRun(label = 'mg') {
  serial += 1;
  const id = `run_${label}_${Date.now().toString(36)}_${serial}`;
  return { id, artifact_url: `http://${id.toLowerCase().replace(/_/g, '-')}.apps.localhost:3100/` };
}
const body = (over: Record<string, unknown> = {}) => ({ ...newRun(), workflow_id: 'wf_acme_reports', title: 'Run report', ...over });
const pointers = (p: Problem) => (p.errors ?? []).map((e) => e.pointer).sort();

/** SPEC §14's workflows and apps endpoints: every status, retry-safety, ids unique across the gateway, merge patch, paging. */
export function describeManagementApps(kind: DbKind) {
  describe(`management API: workflows and apps on ${kind}`, () => {
    const gw = gatewayForSuite(kind);
    let api: ReturnType<typeof managementApi>;
    let writer: string; // a service account with apps:read and apps:write
    let reader: string; // apps:read only
    let sharer: string; // apps:write and shares:write

    beforeAll(async () => {
      api = managementApi(gw.url);
      writer = (await serviceAccountToken('org_acme', ['apps:read', 'apps:write'])).token;
      reader = (await serviceAccountToken('org_acme', ['apps:read'])).token;
      sharer = (await serviceAccountToken('org_acme', ['apps:write', 'shares:write'])).token;
    });

    describe('PUT /v1/orgs/{orgId}/workflows/{workflowId}', () => {
      it('creates (201), then renames or repeats (200); the app form can use it at once', async () => {
        const id = `wf_mg_${kind}`;
        const created = await api('PUT', `${ORG}/workflows/${id}`, { token: writer, body: { name: 'Nightly runs' } });
        expect(created.status).toBe(201);
        expect(created.headers.get('cache-control')).toBe('no-store');
        expect(await created.json()).toMatchObject({ id, org_id: 'org_acme', name: 'Nightly runs' });
        const again = await api('PUT', `${ORG}/workflows/${id}`, { token: writer, body: { name: 'Nightly runs' } });
        expect(again.status).toBe(200);
        const renamed = await api('PUT', `${ORG}/workflows/${id}`, { token: writer, body: { name: '  Nightly builds ' } });
        expect(renamed.status).toBe(200);
        expect(await renamed.json()).toMatchObject({ id, name: 'Nightly builds' });
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: body({ workflow_id: id }) })).status).toBe(201);
      });

      it('another org’s workflow id is 409 id_taken, saying nothing about it; its name is unchanged', async () => {
        const res = await api('PUT', `${ORG}/workflows/wf_globex_ops`, { token: writer, body: { name: 'Mine now' } });
        const problem = await expectProblem(res, 'id_taken');
        expect(JSON.stringify(problem)).not.toMatch(/globex|Ops tracker/i);
        const globex = (await serviceAccountToken('org_globex', ['apps:read'])).token;
        const tracker = (await (await api('GET', '/v1/orgs/org_globex/apps/run_globex_tracker', { token: globex })).json()) as App;
        expect(tracker.workflow_id).toBe('wf_globex_ops');
      });

      it('422 names every bad field; 400 for a malformed id; 415 for another content type; 403 without apps:write', async () => {
        const bad = (await expectProblem(await api('PUT', `${ORG}/workflows/wf_x`, { token: writer, body: { name: '', colour: 'red' } }), 'validation_failed')) as Problem;
        expect(pointers(bad)).toEqual(['#/colour', '#/name']);
        await expectProblem(await api('PUT', `${ORG}/workflows/${encodeURIComponent('wf x')}`, { token: writer, body: { name: 'x' } }), 'invalid_request');
        await expectProblem(await api('PUT', `${ORG}/workflows/wf_x`, { token: writer, raw: 'name=x', contentType: 'text/plain' }), 'unsupported_media_type');
        await expectProblem(await api('PUT', `${ORG}/workflows/wf_x`, { token: writer, raw: '{"name":' }), 'invalid_request');
        await expectProblem(await api('PUT', `${ORG}/workflows/wf_x`, { token: reader, body: { name: 'x' } }), 'insufficient_scope');
        await expectProblem(await api('PUT', `${ORG}/workflows/wf_x`, { token: writer, raw: JSON.stringify({ name: 'x'.repeat(70_000) }) }), 'payload_too_large');
      });
    });

    describe('POST /v1/orgs/{orgId}/apps', () => {
      it('201 with the app and its Location; the same body again (normalized) is 200 with the same app', async () => {
        const b = { ...body({ title: 'Weekly report' }), access: { rule: 'members', members: ['Carol@Example.test', 'alice@acme.test'] } };
        const res = await api('POST', `${ORG}/apps`, { token: writer, body: b });
        expect(res.status).toBe(201);
        expect(res.headers.get('location')).toBe(`${APP_URL}${ORG}/apps/${b.id}`);
        const app = (await res.json()) as App;
        expect(app).toEqual({
          id: b.id, org_id: 'org_acme', workflow_id: 'wf_acme_reports', title: 'Weekly report', artifact_url: b.artifact_url, upstream_url: null,
          access: { rule: 'members', members: ['alice@acme.test', 'carol@example.test'], groups: [] }, visibility: 'login_required', proxy_url: null,
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        });
        expect(await (await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).json()).toEqual(app);
        // A retry spelled differently: members reordered and in other letter case, defaults written out, URL not normalized.
        const retry = { ...b, title: ' Weekly report ', artifact_url: b.artifact_url.replace('http://', 'HTTP://'), visibility: 'login_required', access: { rule: 'members', members: ['ALICE@acme.test', 'carol@example.test', 'carol@example.test'], groups: [] } };
        const again = await api('POST', `${ORG}/apps`, { token: writer, body: retry });
        expect(again.status).toBe(200);
        expect(again.headers.get('location')).toBeNull();
        expect(await again.json()).toEqual(app);
        // Carol, a listed member, can open it: the mint sees what the API registered.
        const carol = await apiToken('usr_carol', 'org_acme', ['mint']);
        expect((await gw.client.mint(b.id, { bearer: carol.token })).status).toBe(200);
      });

      it('the same id with a different body is 409, and the app is unchanged', async () => {
        const b = body();
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(201);
        await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: { ...b, title: 'Another title' } }), 'conflict');
        await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: { ...b, access: { rule: 'admins' } } }), 'conflict');
        expect(((await (await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).json()) as App).title).toBe('Run report');
      });

      it('an id another org holds, or a deleted app’s, is 409 id_taken with nothing about it', async () => {
        const other = await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: { ...body(), id: 'run_globex_tracker' } }), 'id_taken');
        expect(JSON.stringify(other)).not.toMatch(/globex|Ops tracker|wf_globex/i);
        const b = body();
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(201);
        expect((await api('DELETE', `${ORG}/apps/${b.id}`, { token: writer })).status).toBe(204);
        const again = await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: b }), 'id_taken');
        expect(other.detail).toBe(again.detail);
        // Another org cannot take it either.
        const globex = (await serviceAccountToken('org_globex', ['apps:write'])).token;
        await expectProblem(await api('POST', '/v1/orgs/org_globex/apps', { token: globex, body: { ...b, workflow_id: 'wf_globex_ops' } }), 'id_taken');
      });

      it('422 names every bad field at once, nothing saved', async () => {
        const b = newRun();
        const res = await api('POST', `${ORG}/apps`, {
          token: writer,
          body: { id: b.id, title: '', workflow_id: 'wf x', artifact_url: 'javascript:alert(1)', access: { rule: 'some', members: 'x' }, visibility: 'secret', colour: 'red' },
        });
        const problem = (await expectProblem(res, 'validation_failed')) as Problem;
        expect(pointers(problem)).toEqual(['#/access/members', '#/access/rule', '#/colour', '#/title', '#/visibility', '#/workflow_id']);
        for (const e of problem.errors!) expect(e.detail.length).toBeGreaterThan(5);
        expect((await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).status).toBe(404);
        const missing = (await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: {} }), 'validation_failed')) as Problem;
        expect(pointers(missing)).toEqual(['#/id', '#/title', '#/workflow_id']);
        const urls = (await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: body({ artifact_url: 'ftp://x.example/', upstream_url: 'http://127.0.0.1:3201/' }) }), 'validation_failed')) as Problem;
        expect(pointers(urls)).toEqual(['#/upstream_url']);
        const site = (await expectProblem(await api('POST', `${ORG}/apps`, { token: writer, body: body({ artifact_url: 'http://localhost:3000/x' }) }), 'validation_failed')) as Problem;
        expect(site.errors).toEqual([{ pointer: '#/artifact_url', detail: expect.stringContaining('different site') }]);
      });

      it('what needs the database: an unknown workflow, a non-member’s email, a group, an upstream not allowed — all named at once (422)', async () => {
        const res = await api('POST', `${ORG}/apps`, {
          token: writer,
          body: { ...body({ workflow_id: 'wf_globex_ops', artifact_url: null, upstream_url: 'http://10.9.9.9:8080/' }), access: { rule: 'members', members: ['alice@acme.test', 'bob@globex.test'], groups: ['grp_x'] } },
        });
        const problem = (await expectProblem(res, 'validation_failed')) as Problem;
        // Another org's group, or no group at all, is named like a non-member's email (SPEC §18).
        expect(pointers(problem)).toEqual(['#/access/groups/0', '#/access/members/1', '#/upstream_url', '#/workflow_id']);
        const looked = (await expectProblem(await api('POST', `${ORG}/apps`, {
          token: writer,
          body: { ...body({ workflow_id: 'wf_globex_ops', artifact_url: null, upstream_url: 'http://10.9.9.9:8080/' }), access: { rule: 'members', members: ['alice@acme.test', 'bob@globex.test'] } },
        }), 'validation_failed')) as Problem;
        expect(pointers(looked)).toEqual(['#/access/members/1', '#/upstream_url', '#/workflow_id']);
        expect(looked.errors!.find((e) => e.pointer === '#/upstream_url')!.detail).toMatch(/ARTIFACT_PROXY_UPSTREAMS/);
      });

      it('one origin per app (§10): an origin another app uses is 409 origin_taken; a proxied app gets its own proxy origin', async () => {
        const taken = await api('POST', `${ORG}/apps`, { token: writer, body: body({ artifact_url: 'http://run-acme-dashboard.apps.localhost:3100/elsewhere' }) });
        const problem = await expectProblem(taken, 'origin_taken');
        expect(problem.detail).toContain('http://run-acme-dashboard.apps.localhost:3100');
        const b = body({ artifact_url: null, upstream_url: 'http://127.0.0.1:3201/' });
        const proxied = await api('POST', `${ORG}/apps`, { token: writer, body: b });
        expect(proxied.status).toBe(201);
        expect(await proxied.json()).toMatchObject({ artifact_url: null, upstream_url: 'http://127.0.0.1:3201/', proxy_url: `http://${b.id.toLowerCase().replace(/_/g, '-')}.proxy.localhost:3200/` });
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(200);
      });

      it('visibility public needs shares:write (403 naming it) and the org’s sharing switch at links_and_public (else 409 sharing_disabled)', async () => {
        const b = body({ visibility: 'public' });
        const refused = await api('POST', `${ORG}/apps`, { token: writer, body: b });
        await expectProblem(refused.clone(), 'insufficient_scope');
        expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="shares:write"');
        expect(await setOrgSharing({ orgId: 'org_acme', level: 'links', actor: OPERATOR })).toMatchObject({ ok: true });
        try {
          await expectProblem(await api('POST', `${ORG}/apps`, { token: sharer, body: b }), 'sharing_disabled');
          expect((await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).status).toBe(404);
        } finally {
          await setOrgSharing({ orgId: 'org_acme', level: 'links_and_public', actor: OPERATOR });
        }
        const made = await api('POST', `${ORG}/apps`, { token: sharer, body: b });
        expect(made.status).toBe(201);
        expect(await made.json()).toMatchObject({ visibility: 'public' });
        // A retry needs no more than apps:write: it changes nothing.
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(200);
      });

      it('two registrations of one id at once: one 201, the other 200 with the same app', async () => {
        const b = body();
        const [x, y] = await Promise.all([api('POST', `${ORG}/apps`, { token: writer, body: b }), api('POST', `${ORG}/apps`, { token: writer, body: b })]);
        expect([x.status, y.status].sort()).toEqual([200, 201]);
        expect(await x.json()).toEqual(await y.json());
      });
    });

    describe('GET /v1/orgs/{orgId}/apps and /apps/{appId}', () => {
      it('pages in a stable order; limit 1–200; a malformed cursor or limit is 400', async () => {
        const all = (await (await api('GET', `${ORG}/apps?limit=200`, { token: reader })).json()) as { apps: App[]; next_cursor: string | null };
        expect(all.next_cursor).toBeNull();
        expect(all.apps.map((a) => a.id)).toEqual(expect.arrayContaining(['run_acme_dashboard', 'run_acme_building', 'run_acme_plain']));
        expect(all.apps.map((a) => a.id)).not.toContain('run_globex_tracker');
        for (const size of [1, 3]) {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const res = await api('GET', `${ORG}/apps?limit=${size}${cursor ? `&cursor=${cursor}` : ''}`, { token: reader });
            const page = (await res.json()) as { apps: App[]; next_cursor: string | null };
            expect(page.apps.length).toBeLessThanOrEqual(size);
            seen.push(...page.apps.map((a) => a.id));
            cursor = page.next_cursor;
          } while (cursor);
          expect(seen).toEqual(all.apps.map((a) => a.id));
        }
        for (const q of ['limit=0', 'limit=201', 'limit=abc', 'limit=1.5', 'limit=1&limit=2', 'cursor=nope', 'cursor=', `cursor=${Buffer.from('1:run x').toString('base64url')}`]) {
          await expectProblem(await api('GET', `${ORG}/apps?${q}`, { token: reader }), 'invalid_request');
        }
      });

      it('neither skips nor repeats an app while others are registered during the walk', async () => {
        const before = (await (await api('GET', `${ORG}/apps?limit=200`, { token: reader })).json()) as { apps: App[] };
        const seen: string[] = [];
        let cursor: string | null = null;
        const adding: Promise<Response>[] = [];
        do {
          // Registered while paging (during the first pages), side by side with the page reads.
          if (adding.length < 8) adding.push(api('POST', `${ORG}/apps`, { token: writer, body: body() }), api('POST', `${ORG}/apps`, { token: writer, body: body() }));
          const res = await api('GET', `${ORG}/apps?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: reader });
          const page = (await res.json()) as { apps: App[]; next_cursor: string | null };
          seen.push(...page.apps.map((a) => a.id));
          cursor = page.next_cursor;
        } while (cursor);
        const added = await Promise.all(adding);
        expect(added.every((r) => r.status === 201)).toBe(true);
        expect(new Set(seen).size).toBe(seen.length);
        for (const app of before.apps) expect(seen).toContain(app.id);
      });

      it('one app: 404 for an unknown id, another org’s app, a malformed id, a deleted app', async () => {
        expect((await api('GET', `${ORG}/apps/run_acme_dashboard`, { token: reader })).status).toBe(200);
        const unknown = await expectProblem(await api('GET', `${ORG}/apps/run_nope`, { token: reader }), 'not_found');
        const foreign = await expectProblem(await api('GET', `${ORG}/apps/run_globex_tracker`, { token: reader }), 'not_found');
        await expectProblem(await api('GET', `${ORG}/apps/${encodeURIComponent('run nope')}`, { token: reader }), 'not_found');
        expect(foreign.detail).toBe(unknown.detail);
      });
    });

    describe('PATCH /v1/orgs/{orgId}/apps/{appId} (JSON Merge Patch)', () => {
      it('changes only what the patch names; null removes; nested access merges', async () => {
        const b = body({ title: 'Before' });
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(201);
        const titled = await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { title: 'After' } });
        expect(titled.status).toBe(200);
        expect(await titled.json()).toMatchObject({ title: 'After', artifact_url: b.artifact_url, workflow_id: 'wf_acme_reports' });
        const listed = await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { access: { rule: 'members', members: ['carol@example.test'] } } });
        expect(((await listed.json()) as App).access).toEqual({ rule: 'members', members: ['carol@example.test'], groups: [] });
        // Nested merge: the rule alone would keep the members, which only rule members may have.
        const kept = (await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { access: { rule: 'admins' } } }), 'validation_failed')) as Problem;
        expect(pointers(kept)).toEqual(['#/access/members']);
        const admins = await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { access: { rule: 'admins', members: null } } });
        expect(((await admins.json()) as App).access).toEqual({ rule: 'admins', members: [], groups: [] });
        const building = await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { artifact_url: null } });
        expect(await building.json()).toMatchObject({ title: 'After', artifact_url: null });
        const empty = await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: {} });
        expect(empty.status).toBe(200);
      });

      it('refuses read-only and unknown members, a non-object patch, an invalid result (422); another type (415); unknown app (404)', async () => {
        const b = body();
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(201);
        const ro = (await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { id: 'run_other', created_at: 'x', colour: 1 } }), 'validation_failed')) as Problem;
        expect(ro.errors).toEqual([
          { pointer: '#/id', detail: 'Read-only: it cannot be changed.' },
          { pointer: '#/created_at', detail: 'Read-only: it cannot be changed.' },
          { pointer: '#/colour', detail: 'Unknown field.' },
        ]);
        await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: ['title'] }), 'validation_failed');
        const invalid = (await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { title: null, workflow_id: 'wf_nope' } }), 'validation_failed')) as Problem;
        expect(pointers(invalid)).toEqual(['#/title']);
        await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { title: 'x' }, contentType: 'application/json' }), 'unsupported_media_type');
        await expectProblem(await api('PATCH', `${ORG}/apps/run_nope`, { token: writer, body: { title: 'x' } }), 'not_found');
        await expectProblem(await api('PATCH', `${ORG}/apps/run_globex_tracker`, { token: writer, body: { title: 'x' } }), 'not_found');
        await expectProblem(await api('PATCH', `${ORG}/apps/run_acme_onboarding`, { token: writer, body: { artifact_url: 'http://run-acme-dashboard.apps.localhost:3100/' } }), 'origin_taken');
        await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { visibility: 'public' } }), 'insufficient_scope');
        await setOrgSharing({ orgId: 'org_acme', level: 'off', actor: OPERATOR });
        try {
          await expectProblem(await api('PATCH', `${ORG}/apps/${b.id}`, { token: sharer, body: { visibility: 'public' } }), 'sharing_disabled');
        } finally {
          await setOrgSharing({ orgId: 'org_acme', level: 'links_and_public', actor: OPERATOR });
        }
        expect(((await (await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).json()) as App).title).toBe('Run report');
      });

      it('two patches at once of different fields: neither is lost', async () => {
        const b = body();
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(201);
        const [x, y] = await Promise.all([
          api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { title: 'Both' } }),
          api('PATCH', `${ORG}/apps/${b.id}`, { token: writer, body: { access: { rule: 'admins' } } }),
        ]);
        expect([x.status, y.status]).toEqual([200, 200]);
        expect(await (await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).json()).toMatchObject({ title: 'Both', access: { rule: 'admins' } });
      });
    });

    describe('DELETE /v1/orgs/{orgId}/apps/{appId}', () => {
      it('204; then the app is gone everywhere (GET, list, mint) and a second delete is 404', async () => {
        const b = body();
        expect((await api('POST', `${ORG}/apps`, { token: writer, body: b })).status).toBe(201);
        const alice = await gw.client.signIn('alice@acme.test');
        expect((await gw.client.mint(b.id, { cookie: alice })).status).toBe(200);
        const deleted = await api('DELETE', `${ORG}/apps/${b.id}`, { token: writer });
        expect(deleted.status).toBe(204);
        expect(await deleted.text()).toBe('');
        expect((await gw.client.mint(b.id, { cookie: alice })).status).toBe(404);
        expect((await api('GET', `${ORG}/apps/${b.id}`, { token: reader })).status).toBe(404);
        const list = (await (await api('GET', `${ORG}/apps?limit=200`, { token: reader })).json()) as { apps: App[] };
        expect(list.apps.map((a) => a.id)).not.toContain(b.id);
        await expectProblem(await api('DELETE', `${ORG}/apps/${b.id}`, { token: writer }), 'not_found');
        await expectProblem(await api('DELETE', `${ORG}/apps/run_globex_tracker`, { token: writer }), 'not_found');
        await expectProblem(await api('DELETE', `${ORG}/apps/run_acme_dashboard`, { token: reader }), 'insufficient_scope');
      });
    });

    it('other methods are 405 with Allow', async () => {
      const cases: Array<[string, string, string]> = [
        ['DELETE', `${ORG}/apps`, 'GET, POST'],
        ['PUT', `${ORG}/apps/run_acme_dashboard`, 'GET, PATCH, DELETE'],
        ['GET', `${ORG}/workflows/wf_acme_reports`, 'PUT'],
        ['POST', `${ORG}/audit`, 'GET'],
      ];
      for (const [method, path, allow] of cases) {
        const res = await api(method, path, { token: writer });
        expect(res.status).toBe(ERRORS.method_not_allowed.status);
        expect(res.headers.get('allow')).toBe(allow);
      }
    });
  });
}
