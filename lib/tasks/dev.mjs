// `npm run dev`: the gateway (next dev), the sample artifact host (and its plain upstream) and the
// artifact proxy, together; Ctrl-C stops them all.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const start = (cmd, args, env = {}) =>
  spawn(`node_modules/.bin/${cmd}`, args, { stdio: 'inherit', detached: true, env: { ...process.env, ...env } });
const children = [
  start('next', ['dev', '-p', port], { NEXT_TELEMETRY_DISABLED: '1' }),
  start('tsx', ['e2e/artifact-host/server.ts']),
  start('tsx', ['lib/artifact-proxy/main.ts']),
];
const demo = process.env.DATABASE_URL ? '' : '   demo logins: alice@acme.test, bob@globex.test, carol@example.test, dave@example.test — password: demo-password';
console.log(`\nApp Gateway: http://localhost:${port}${demo}\nArtifacts: http://<app>.${process.env.ARTIFACT_HOST_DOMAIN || 'apps.localhost:3100'}/ (sample host), http://<app>.${process.env.ARTIFACT_PROXY_DOMAIN || 'proxy.localhost:3200'}/ (artifact proxy)\n`);

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
