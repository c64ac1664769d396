// The production server's handle on the webhook deliverer's thread: where its build put the thread
// (lib/platform/tasks/build-server.mjs writes it beside the server as app-gateway-webhooks.mjs), and how to stop
// it. No imports: the server's own small bundle (lib/platform/server/main.ts) uses this, the gateway's start-up
// (./delivery-thread.ts) fills it in.
const store = globalThis as unknown as { __appGatewayWebhookWorkerFile?: string; __appGatewayWebhookThreadStop?: () => Promise<void> };

export const WEBHOOK_WORKER_FILE = 'app-gateway-webhooks.mjs';

export function registerWebhookWorkerFile(file: string): void {
  store.__appGatewayWebhookWorkerFile = file;
}

export function webhookWorkerFile(): string | undefined {
  return store.__appGatewayWebhookWorkerFile;
}

export function onWebhookThreadStop(stop: () => Promise<void>): void {
  store.__appGatewayWebhookThreadStop = stop;
}

/** Lets the deliverer's thread settle its pass and end (nothing to do when delivery runs in-process). */
export async function stopWebhookThread(): Promise<void> {
  await store.__appGatewayWebhookThreadStop?.();
}
