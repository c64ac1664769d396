// Where the production server's build put the webhook deliverer's thread (lib/tasks/build-server.mjs
// writes it beside the server as app-gateway-webhooks.mjs). No imports: the server's own small bundle
// (lib/server/main.ts) registers it, the gateway's start-up (./delivery-thread.ts) reads it.
const store = globalThis as unknown as { __appGatewayWebhookWorkerFile?: string };

export const WEBHOOK_WORKER_FILE = 'app-gateway-webhooks.mjs';

export function registerWebhookWorkerFile(file: string): void {
  store.__appGatewayWebhookWorkerFile = file;
}

export function webhookWorkerFile(): string | undefined {
  return store.__appGatewayWebhookWorkerFile;
}
