// `npm run artifact-host` — the sample artifact host (SPEC §6) on ARTIFACT_HOST_URL.
import { createArtifactHostServer } from './app';
import { loadArtifactHostConfig } from './config';

async function main(): Promise<void> {
  const config = loadArtifactHostConfig();
  const server = await createArtifactHostServer(config, { log: (line) => console.log(line) });
  server.on('error', (err) => {
    console.error(`artifact host: cannot listen on ${config.listenHost}:${config.listenPort}: ${err.message}`);
    process.exit(1);
  });
  server.listen(config.listenPort, config.listenHost, () => {
    console.log(`artifact host on ${config.publicOrigin} (gateway ${config.gatewayOrigin}, keys ${config.jwksUrl}, revocations ${config.revocationUrl ?? 'from discovery'})`);
  });

  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`artifact host: ${signal}, closing`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3_000).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
