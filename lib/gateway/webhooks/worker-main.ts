// The webhook deliverer's own thread in the production server (started by ./delivery-thread.ts): it
// relays the outbox with its own database connections, so delivering never takes the request thread's
// time. `next build` compiles this file to <distDir>/app-gateway-webhooks.mjs (lib/platform/tasks/build-server.mjs).
import { parentPort } from 'node:worker_threads';
import { closeDb, getDb } from '@/db/client';
import { startJobs, stopJobs } from '@/lib/platform/jobs/background-jobs';
import { log } from '@/lib/platform/log';
import { webhookDeliveryJob } from './deliver';

// The delivery job waits for an open database; this thread opens its own (postgres.js connects lazily).
getDb().then(
  () => startJobs([webhookDeliveryJob]),
  (error: unknown) => {
    log.error('webhook_thread_failed', { error: error instanceof Error ? error.name : 'error' });
    process.exit(1);
  },
);
// The port's listener keeps this thread alive (the job's timer is unref'd). When the server stops it
// says so: the pass in flight settles (releasing its leases, so another instance need not wait for
// them to expire), then the thread ends.
parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  void stopJobs()
    .then(() => closeDb())
    .finally(() => process.exit(0));
});
