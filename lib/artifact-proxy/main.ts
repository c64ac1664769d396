// `npm run artifact-proxy` — the artifact proxy (SPEC §11) on ARTIFACT_PROXY_DOMAIN.
import { EnvError } from '@/lib/platform/config/env';
import { loadArtifactProxyConfig } from './config';
import { createArtifactProxyServer } from './server';
import { createUpstreamDirectory } from './upstreams';
import { createSessionVerifier } from './verify';

async function main(): Promise<void> {
  const config = loadArtifactProxyConfig();
  const server = await createArtifactProxyServer(config, {
    directory: createUpstreamDirectory(config.gatewayUrl, config.keys.lookupToken),
    verifier: createSessionVerifier(config.gatewayOrigin, config.gatewayUrl),
    log: (line) => console.log(line),
  });
  server.on('error', (err) => {
    console.error(`artifact proxy: cannot listen on ${config.listenHost}:${config.listenPort}: ${err.message}`);
    process.exit(1);
  });
  server.listen(config.listenPort, config.listenHost, () => {
    console.log(`artifact proxy on ${config.scheme}//<app>.${config.domain}/ (gateway ${config.gatewayOrigin})`);
  });
  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`artifact proxy: ${signal}, closing`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof EnvError || err instanceof Error ? err.message : err);
  process.exit(1);
});
