import { spawnSync } from 'node:child_process';
import { createManagementClient, type ManagementClient } from '../lib/management-client/client';
import { percentile } from './stats';

// `npm run bench -- --only=management`: the AI platform's side of SPEC §14. A service account (made
// with the CLI, as an operator would) registers `apps` apps through the management API with
// `clients` concurrent clients — the typed client the platform ships with — then lists them all
// back with the cursor. Counts what failed; never asserts a speed (issue #31 asks ≥ 200 apps/s with 8).

export type ManagementResult = {
  apps: number;
  clients: number;
  seconds: number;
  appsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Requests answered with anything but 201, or not answered. */
  errors: number;
  /** Apps the list returned, and how many of them twice (must be `apps` and 0). */
  listed: number;
  listedTwice: number;
  listSeconds: number;
};

const ORG = 'org_acme';
export const WORKFLOW = 'wf_bench_runs';

/** A service-account token from `npm run cli -- service-account create` (its last line). */
function cliServiceAccountToken(env: NodeJS.ProcessEnv, scopes: string[]): string {
  const args = ['run', '--silent', 'cli', '--', 'service-account', 'create', '--org', ORG, '--name', 'Bench pipeline', ...scopes.flatMap((s) => ['--scope', s])];
  const out = spawnSync('npm', args, { env, encoding: 'utf8' });
  const token = out.stdout.trim().split('\n').at(-1) ?? '';
  if (out.status !== 0 || !token.startsWith('agw_sa_')) throw new Error(`service-account create failed: ${out.stderr || out.stdout}`);
  return token;
}

/** The body of the i-th run's app: its own id and its own artifact origin (one origin per app, SPEC §10). */
const appBody = (prefix: string, i: number) => ({
  id: `run_${prefix}_${i}`,
  workflow_id: WORKFLOW,
  title: `Bench run ${i}`,
  artifact_url: `http://${prefix}-${i}.apps.localhost:3100/`,
  access: { rule: 'everyone' as const, members: [], groups: [] },
  visibility: 'login_required' as const,
});

/** Registers apps `run_<prefix>_0` … `run_<prefix>_<apps - 1>` with `clients` concurrent clients: their time, failures and latencies. */
export async function registerAll(client: ManagementClient, prefix: string, apps: number, clients: number) {
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const worker = async () => {
    for (let i = next++; i < apps; i = next++) {
      const started = performance.now();
      try {
        const { response } = await client.POST('/v1/orgs/{orgId}/apps', { params: { path: { orgId: ORG } }, body: appBody(prefix, i) });
        if (response.status !== 201) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  return { seconds: (performance.now() - started) / 1000, errors, latencies };
}

async function listAll(client: ManagementClient, prefix: string) {
  const seen = new Set<string>();
  let twice = 0;
  let cursor: string | undefined;
  const started = performance.now();
  do {
    const { data, error } = await client.GET('/v1/orgs/{orgId}/apps', { params: { path: { orgId: ORG }, query: { limit: 200, ...(cursor ? { cursor } : {}) } } });
    if (error || !data) throw new Error(`listing failed: ${JSON.stringify(error)}`);
    for (const app of data.apps) {
      if (!app.id.startsWith(`run_${prefix}_`)) continue;
      if (seen.has(app.id)) twice += 1;
      seen.add(app.id);
    }
    cursor = data.next_cursor ?? undefined;
  } while (cursor);
  return { listed: seen.size, listedTwice: twice, seconds: (performance.now() - started) / 1000 };
}

/** Registers `apps` apps on the running gateway at `origin` with `clients` concurrent clients, then lists them. */
export async function managementBench(env: NodeJS.ProcessEnv, origin: string, apps: number, clients: number): Promise<ManagementResult> {
  const token = cliServiceAccountToken(env, ['apps:read', 'apps:write']);
  const client = createManagementClient({ baseUrl: origin, token });
  const workflow = await client.PUT('/v1/orgs/{orgId}/workflows/{workflowId}', { params: { path: { orgId: ORG, workflowId: WORKFLOW } }, body: { name: 'Bench runs' } });
  if (!workflow.response.ok) throw new Error(`PUT workflow: ${workflow.response.status}`);
  // A warm-up that compiles and plans the registration path, outside the measurement.
  await registerAll(client, 'benchwarm', 50, clients);
  const prefix = `bench${Date.now().toString(36)}`;
  const run = await registerAll(client, prefix, apps, clients);
  const list = await listAll(client, prefix);
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const ms = (p: number) => Math.round(percentile(sorted, p) * 10) / 10;
  return {
    apps,
    clients,
    seconds: Math.round(run.seconds * 10) / 10,
    appsPerSecond: Math.round(apps / run.seconds),
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    errors: run.errors,
    listed: list.listed,
    listedTwice: list.listedTwice,
    listSeconds: Math.round(list.seconds * 10) / 10,
  };
}
