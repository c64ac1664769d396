import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { log } from '@/lib/platform/log';
import { startWebhookDelivery } from './deliver';
import { onWebhookThreadStop, webhookWorkerFile } from './worker-file';

const store = globalThis as unknown as { __appGatewayWebhookWorker?: Worker };

/**
 * Starts delivering audit webhooks: on PostgreSQL under the production server, in a thread of its own
 * (./worker-main.ts) so that sending events never holds up a mint; elsewhere (the embedded database,
 * which one process opens only once; `next dev`; tests) in this thread, on unref'd timers. A thread that
 * fails hands its work back to this one.
 */
export function startWebhookDeliverer(embedded: boolean): void {
  const file = webhookWorkerFile();
  if (embedded || !file) return startWebhookDelivery();
  if (!existsSync(file)) {
    // The server registered a file its build did not write (lib/platform/tasks/build-server.mjs names it too).
    log.warn('webhook_thread_missing', { file, fallback: 'delivering from the request thread' });
    return startWebhookDelivery();
  }
  if (store.__appGatewayWebhookWorker) return;
  const worker = new Worker(file, { name: 'app-gateway-webhooks' });
  store.__appGatewayWebhookWorker = worker;
  worker.unref(); // never what keeps the process alive; an event cut off by an exit is sent again (at least once)
  onWebhookThreadStop(async () => {
    if (store.__appGatewayWebhookWorker !== worker) return;
    const exited = once(worker, 'exit');
    worker.postMessage('stop');
    await exited;
  });
  worker.on('error', (error) => log.error('webhook_thread_failed', { error: error.name }));
  worker.on('exit', (code) => {
    store.__appGatewayWebhookWorker = undefined;
    if (code === 0) return;
    log.warn('webhook_thread_exited', { code, fallback: 'delivering from the request thread' });
    startWebhookDelivery();
  });
}
