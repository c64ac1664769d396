// Where the production server's build put the webhook deliverer's thread (lib/platform/tasks/build-server.mjs
// writes it beside the server as app-gateway-webhooks.mjs). No imports: the server's own small bundle
// (lib/platform/server/main.ts) registers it, the gateway's start-up (./delivery-thread.ts), in Next.js's
// bundle, reads it; each has its own copy of this module, so the path is kept on globalThis.
const store = globalThis as unknown as { __appGatewayWebhookWorkerFile?: string };

export const WEBHOOK_WORKER_FILE = 'app-gateway-webhooks.mjs';

export function registerWebhookWorkerFile(file: string): void {
  store.__appGatewayWebhookWorkerFile = file;
}

export function webhookWorkerFile(): string | undefined {
  return store.__appGatewayWebhookWorkerFile;
}
