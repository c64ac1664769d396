// The production server: Next.js's request handler behind a plain node:http server that decides
// the client's address from the socket before Next.js sees the request. `next build` compiles this
// file to .next/app-gateway-server.mjs (lib/platform/tasks/build-server.mjs); `npm start`, the bundle's
// start.sh, the browser tests, the API tests and the benchmark all run that file.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env'; // CommonJS: no named exports under Node's ESM
import { env, EnvError, type Env } from '@/lib/platform/config/env';
import { registerWebhookWorkerFile, WEBHOOK_WORKER_FILE } from '@/lib/gateway/webhooks/worker-file';
import { clientAddress } from './client-address';
import { stopGateway } from './gateway-stop';
import { servedUrl } from '@/lib/platform/config/served-url';
import { log } from '@/lib/platform/log';
import { nextPrivateEnv } from './next-private-env';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

// Set before Next.js loads: some of its modules read NODE_ENV once, at load time.
Object.assign(process.env, { NODE_ENV: 'production' });

/** The project folder: the one holding .next/ (this file is .next/app-gateway-server.mjs, or server.mjs in the bundle). */
function projectDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return existsSync(path.join(here, '.next', 'BUILD_ID')) ? here : path.dirname(here);
}

function configOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    process.stderr.write(`\n${error.message}\n\n`);
    process.exit(1);
  }
}

async function main() {
  const dir = projectDir();
  process.chdir(dir); // a relative PGLITE_DIR and db/migrations are read from here, as with `next start`
  nextEnv.loadEnvConfig(dir, false); // .env, .env.production… as Next.js loads them, before the configuration is read
  const e = configOrExit();
  // The configuration `next build` resolved, as Next.js's own standalone server passes it.
  const { config } = JSON.parse(readFileSync(path.join(dir, '.next', 'required-server-files.json'), 'utf8')) as { config: unknown };
  Object.assign(process.env, nextPrivateEnv(config, servedUrl(e)));
  // Built beside this file (lib/platform/tasks/build-server.mjs): audit webhooks go out from their own thread.
  registerWebhookWorkerFile(path.join(path.dirname(fileURLToPath(import.meta.url)), WEBHOOK_WORKER_FILE));

  let handle: Handler | null = null;
  let ready: Promise<void> | null = null;
  const server = http.createServer((req, res) => {
    // The audited address: whatever the client sent in X-Forwarded-For is replaced before Next.js runs.
    const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, e.TRUSTED_PROXY_COUNT);
    if (address) req.headers['x-forwarded-for'] = address;
    else delete req.headers['x-forwarded-for'];
    (handle ? handle(req, res) : ready!.then(() => handle!(req, res))).catch((error: unknown) => {
      console.error(error); // as `next start` does; the route funnel already answers every known error
      if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
      else res.destroy();
    });
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    const where = `${e.HOSTNAME ?? 'every interface'} port ${e.PORT}`;
    process.stderr.write(`\nCannot listen on ${where}: ${error.code === 'EADDRINUSE' ? 'the port is in use (set PORT)' : error.message}\n\n`);
    process.exit(1);
  });

  // Listen first, as `next start` does; requests that arrive before Next.js is ready wait for it.
  const { default: next } = await import('next');
  const app = next({ dev: false, dir, hostname: e.HOSTNAME ?? 'localhost', port: e.PORT, customServer: true, httpServer: server });
  ready = app.prepare().then(() => {
    handle = app.getRequestHandler() as Handler;
  });
  await new Promise<void>((resolve) => server.listen(e.PORT, e.HOSTNAME, resolve));
  await ready; // runs instrumentation.ts: migrations, seed, signing key, then the gateway_ready line

  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    process.exitCode = code;
    // The requests in flight finish; then the background jobs stop (their runs in flight settle:
    // webhook sends recorded, leases released) and the database closes (gateway_stopped). Nothing is
    // left to keep the process alive, and it exits. Never later than 10 s: what still held it is
    // said on the way out.
    setTimeout(() => {
      log.error('shutdown_timeout', { waitingOn: process.getActiveResourcesInfo().join(' ') });
      process.exit(code);
    }, 10_000).unref();
    server.close(() => {
      const stopped = stopGateway().then(
        () => log.info('gateway_stopped', {}),
        (error: unknown) => log.error('gateway_stop_failed', { error: error instanceof Error ? error.name : typeof error }),
      );
      void Promise.allSettled([app.close(), stopped]);
    });
  };
  process.on('SIGTERM', () => stop(143));
  process.on('SIGINT', () => stop(130));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
