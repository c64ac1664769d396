// `npm run artifact-host` — the sample artifact host (SPEC §6, §10) on ARTIFACT_HOST_DOMAIN, the
// plain upstream the artifact proxy serves (SPEC §11) on ARTIFACT_PLAIN_UPSTREAM_URL, and the demo
// platform API (SPEC §17) on DEMO_PLATFORM_API_URL.
import { appendFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createArtifactHostServer } from './app';
import { loadArtifactHostConfig } from './config';
import { createPlainUpstreamServer } from './plain-upstream';
import { createPlatformApiServer } from './platform-api';

function listen(server: Server, name: string, host: string, port: number, ready: string): void {
  server.on('error', (err) => {
    console.error(`${name}: cannot listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => console.log(ready));
}

async function main(): Promise<void> {
  const config = loadArtifactHostConfig();
  const host = await createArtifactHostServer(config, { log: (line) => console.log(line) });
  listen(host, 'artifact host', config.listenHost, config.listenPort,
    `artifact host on http://<app>.${config.domain}/ (gateway ${config.gatewayOrigin}, keys ${config.jwksUrl}, revocations ${config.revocationUrl ?? 'from discovery'})`);
  const servers = [host];
  if (config.plainUpstream) {
    const { listenHost, listenPort, origin, requestLog } = config.plainUpstream;
    const onRequest = requestLog === undefined ? undefined : (record: object) => appendFileSync(requestLog, `${JSON.stringify(record)}\n`);
    const plain = createPlainUpstreamServer(config.gatewayOrigin, { onRequest, jwksUri: config.jwksUrl, revocationEndpoint: config.revocationUrl });
    listen(plain, 'plain upstream', listenHost, listenPort, `plain upstream (served by the artifact proxy) on ${origin}`);
    servers.push(plain);
  }
  if (config.platformApi) {
    const { listenHost, listenPort, origin, resource } = config.platformApi;
    const api = createPlatformApiServer({ issuer: config.gatewayOrigin, jwksUrl: config.jwksUrl, revocationUrl: config.revocationUrl, resource }, { log: (line) => console.log(line) });
    listen(api, 'demo platform API', listenHost, listenPort, `demo platform API (resource ${resource}, GET /runs) on ${origin}`);
    servers.push(api);
  }

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`artifact host: ${signal}, closing`);
    let open = servers.length;
    for (const s of servers) {
      s.close(() => --open === 0 && process.exit(0));
      s.closeIdleConnections();
    }
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
