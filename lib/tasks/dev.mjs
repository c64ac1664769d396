// `npm run dev`: the gateway (next dev) and the sample artifact host, together; Ctrl-C stops both.
// Once both answer, prints where everything is, with one demo link per kind of app.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const gateway = process.env.APP_URL || `http://localhost:${port}`;
const artifactHost = process.env.ARTIFACT_HOST_URL || 'http://127.0.0.1:3100';
// The artifact proxy (SPEC §11) is not started here yet; when it is, set its origin and demo app here.
const artifactProxy = null; // e.g. { url: 'http://…:3200', app: 'run_acme_plain' }

const start = (cmd, args, env = {}) =>
  spawn(`node_modules/.bin/${cmd}`, args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
const children = [
  start('next', ['dev', '-p', port], { NEXT_TELEMETRY_DISABLED: '1' }),
  // The artifact host verifies against the gateway it runs with: APP_URL follows PORT here too.
  start('tsx', ['e2e/artifact-host/server.ts'], { APP_URL: gateway }),
];
console.log(`\nApp Gateway: starting on ${gateway} (the first page compiles on first use)…\n`);

async function healthy(url) {
  for (let i = 0; i < 600; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function summary() {
  const lines = [
    '',
    'App Gateway is up',
    `  gateway          ${gateway}`,
    `  artifact host    ${artifactHost}   (sample artifacts that verify tokens with the SDK)`,
    ...(artifactProxy ? [`  artifact proxy   ${artifactProxy.url}   (serves apps that verify nothing)`] : []),
    '  demo apps, one per kind:',
    `    SDK artifact   ${gateway}/apps/run_acme_dashboard`,
    ...(artifactProxy ? [`    proxied app    ${gateway}/apps/${artifactProxy.app}`] : []),
    `    public app     ${gateway}/apps/run_acme_public`,
    `  health           ${gateway}/healthz`,
  ];
  if (!process.env.DATABASE_URL) {
    lines.push('  demo logins      alice@acme.test, bob@globex.test, carol@example.test, dave@example.test — password: demo-password');
  }
  return `${lines.join('\n')}\n`;
}

Promise.all([healthy(`http://localhost:${port}/healthz`), healthy(`${artifactHost}/healthz`)]).then(([g, a]) => {
  if (g && a) console.log(summary());
  else console.log(`\nApp Gateway: ${g ? 'the artifact host' : 'the gateway'} did not answer its /healthz; see the output above.\n`);
});

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM'); // the whole process group: next's and tsx's own children too
    } catch {
      /* already gone */
    }
  }
  setTimeout(() => process.exit(code), 1500).unref();
}
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
