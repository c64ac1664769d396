// Tabs of one browser tell each other that its session ended. A BroadcastChannel only reaches
// documents of the same origin, so only gateway pages can send or hear this.
const CHANNEL = 'app-gateway:session';
const SIGNED_OUT = 'signed-out';

/** Sent by the sign-out button as the sign-out starts, so open viewers end their artifacts' sessions. */
export function announceSignOut(): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: SIGNED_OUT });
  channel.close();
}

/** Calls `callback` when another tab (or another part of this page) signs out. Returns an unsubscribe. */
export function onSignOutElsewhere(callback: () => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === SIGNED_OUT) callback();
  };
  return () => channel.close();
}
