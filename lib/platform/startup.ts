import { closeDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { env, EnvError } from '@/lib/platform/config/env';
import { appUrlPortMismatch, servedUrl } from '@/lib/platform/config/served-url';
import { ensureSigningKey } from '@/lib/gateway/keys/rotation';
import { demoUsers } from '@/lib/gateway/demo/demo-world';
import { isEmpty, seedDemoWorld } from '@/lib/gateway/demo/seed';
import { auditRetentionJob } from '@/lib/gateway/audit/audit-retention';
import { rateWindowPruningJob } from '@/lib/gateway/mint/rate-window';
import { grantEndsJob } from '@/lib/gateway/access-requests/end-grants';
import { linkExpiryJob } from '@/lib/gateway/sharing/link-expiry';
import { webhookDelivery } from '@/lib/gateway/webhooks/delivery-thread';
import { startJobs, stopJobs, type BackgroundJob } from '@/lib/platform/jobs/background-jobs';
import { log } from '@/lib/platform/log';
import { onGatewayStop } from '@/lib/platform/server/gateway-stop';

/** The gateway's background jobs (lib/platform/jobs/background-jobs.ts): a new job is one more entry. */
const backgroundJobs = (embedded: boolean): BackgroundJob[] => [auditRetentionJob, rateWindowPruningJob, grantEndsJob, linkExpiryJob, webhookDelivery(embedded)];

/** A configuration the gateway cannot run with: say which variable and why, and stop. */
function refuseToStart(error: unknown): never {
  if (!(error instanceof EnvError)) throw error;
  process.stderr.write(`\n${error.message}\n\n`);
  process.exit(1);
}

/**
 * Runs once when the server starts: validate the configuration (refusing to start with a clear
 * message; the database connection too, before migrating), migrate, seed the embedded database on
 * its first start, start the background jobs, and make sure a key can sign.
 */
export async function startGateway(): Promise<void> {
  let e;
  try {
    e = env();
  } catch (error) {
    refuseToStart(error);
  }
  if (e.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { startTracing } = await import('@/lib/platform/telemetry/tracing');
    startTracing(e.OTEL_EXPORTER_OTLP_ENDPOINT, e.OTEL_SERVICE_NAME);
  }
  const mismatch = appUrlPortMismatch(e);
  if (mismatch) log.warn('app_url_port_mismatch', { message: mismatch });
  await migrateDatabase().catch(refuseToStart);
  if (e.embedded && (await isEmpty())) {
    await seedDemoWorld();
    log.info('demo_world_seeded', { users: demoUsers.length }); // their logins: README (no email or password in the log)
  }
  startJobs(backgroundJobs(e.embedded));
  // On SIGTERM the production server stops them (a run in flight settles), then the database closes.
  onGatewayStop(async () => {
    await stopJobs();
    await closeDb();
  });
  const created = await ensureSigningKey();
  if (created) log.info('signing_key_created', { kid: created });
  log.info('gateway_ready', { url: servedUrl(e), appUrl: e.APP_URL, database: e.embedded ? `embedded (${e.PGLITE_DIR})` : 'postgres', node: process.version });
}
