// How the production server (./main.ts, a bundle of its own) stops what the gateway started (in
// Next.js's bundle, lib/platform/startup.ts): each has its own copy of this module, so the start-up
// leaves its stop on globalThis. No imports, so the server's bundle stays small.
const store = globalThis as unknown as { __appGatewayStop?: () => Promise<void> };

export function onGatewayStop(stop: () => Promise<void>): void {
  store.__appGatewayStop = stop;
}

/** Stops the gateway's background jobs and closes its database (nothing to do before it started). */
export async function stopGateway(): Promise<void> {
  await store.__appGatewayStop?.();
}
