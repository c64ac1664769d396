// Next.js calls register() once when a server starts; the gateway's start-up checks run there.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startGateway } = await import('./lib/platform/startup');
  await startGateway();
}
