import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { startJobs, type BackgroundJob } from '@/lib/platform/jobs/background-jobs';
import { log } from '@/lib/platform/log';
import { webhookDeliveryJob } from './deliver';
import { webhookWorkerFile } from './worker-file';

/**
 * How audit webhooks are delivered: on PostgreSQL under the production server, in a thread of its own
 * (./worker-main.ts) so that sending events never holds up a mint; elsewhere (the embedded database,
 * which one process opens only once; `next dev`; tests) by the delivery job in this thread. A thread
 * that fails hands its work back to this one.
 */
export function webhookDelivery(embedded: boolean): BackgroundJob {
  const file = webhookWorkerFile();
  if (embedded || !file) return webhookDeliveryJob;
  if (!existsSync(file)) {
    // The server registered a file its build did not write (lib/platform/tasks/build-server.mjs names it too).
    log.warn('webhook_thread_missing', { file, fallback: 'delivering from the request thread' });
    return webhookDeliveryJob;
  }
  return { name: 'webhook_thread', start: () => startThread(file) };
}

function startThread(file: string): () => Promise<void> {
  const worker = new Worker(file, { name: 'app-gateway-webhooks' });
  worker.unref(); // never what keeps the process alive; an event cut off by an exit is sent again (at least once)
  let stopping = false;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) => log.error('webhook_thread_failed', { error: error.name }));
  worker.on('exit', (code) => {
    if (code === 0 || stopping) return;
    log.warn('webhook_thread_exited', { code, fallback: 'delivering from the request thread' });
    startJobs([webhookDeliveryJob]);
  });
  // The thread settles its pass (releasing its leases), closes its database and ends.
  return async () => {
    stopping = true;
    worker.postMessage('stop');
    await exited;
  };
}
