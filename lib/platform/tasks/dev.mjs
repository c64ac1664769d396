// `npm run dev`: the gateway (next dev), the sample artifact host (and its plain upstream and the demo
// platform API) and the artifact proxy, together; Ctrl-C stops them all. Once they answer, prints where everything is,
// with one demo link per kind of app.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const gateway = process.env.APP_URL || `http://localhost:${port}`;
const hostDomain = process.env.ARTIFACT_HOST_DOMAIN || 'apps.localhost:3100';
const proxyDomain = process.env.ARTIFACT_PROXY_DOMAIN || 'proxy.localhost:3200';
const platformApi = process.env.DEMO_PLATFORM_API_URL || 'http://127.0.0.1:3202';
// Node does not resolve *.localhost, so health checks go to the loopback address on each port.
const portOf = (domain) => domain.split(':')[1] || '80';

const start = (cmd, args, env = {}) =>
  spawn(`node_modules/.bin/${cmd}`, args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
const children = [
  start('next', ['dev', '-p', port], { NEXT_TELEMETRY_DISABLED: '1' }),
  // The artifact host verifies against the gateway it runs with: APP_URL follows PORT here too.
  start('tsx', ['e2e/artifact-host/server.ts'], { APP_URL: gateway }),
  start('tsx', ['lib/artifact-proxy/main.ts'], { APP_URL: gateway }),
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
    `  artifact host    http://<app>.${hostDomain}/   (sample artifacts that verify tokens with the SDK)`,
    `  artifact proxy   http://<app>.${proxyDomain}/   (serves apps that verify nothing)`,
    `  platform API     ${platformApi}/runs   (demo resource platform-api: the sample dashboard calls it as its viewer)`,
    '  demo apps, one per kind:',
    `    SDK artifact   ${gateway}/apps/run_acme_dashboard`,
    `    proxied app    ${gateway}/apps/run_acme_plain`,
    `    public app     ${gateway}/apps/run_acme_public`,
    `  health           ${gateway}/healthz`,
  ];
  if (!process.env.DATABASE_URL) {
    lines.push('  demo logins      alice@acme.test, bob@globex.test, carol@example.test, dave@example.test — password: demo-password');
  }
  return `${lines.join('\n')}\n`;
}

const parts = [
  ['the gateway', `http://localhost:${port}/healthz`],
  ['the artifact host', `http://127.0.0.1:${portOf(hostDomain)}/healthz`],
  ['the artifact proxy', `http://127.0.0.1:${portOf(proxyDomain)}/.app-gateway/healthz`],
  ['the demo platform API', `${platformApi}/healthz`],
];
Promise.all(parts.map(([, url]) => healthy(url))).then((ok) => {
  const down = parts.filter((_, i) => !ok[i]).map(([name]) => name);
  if (down.length === 0) console.log(summary());
  else console.log(`\nApp Gateway: ${down.join(' and ')} did not answer its health check; see the output above.\n`);
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
