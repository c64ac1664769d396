import { EARLY_MINT_KEY, type EarlyMintSlot } from '@/lib/platform/http/early-mint-script';

const slot = (): EarlyMintSlot | undefined =>
  typeof window === 'undefined' ? undefined : (window as unknown as Record<string, EarlyMintSlot | undefined>)[EARLY_MINT_KEY];

/** The early mint's response for this app (null if it could not reach the gateway), once: later mints always make a new request. */
export function takeEarlyMint(appId: string): Promise<Response | null> | null {
  const early = slot();
  if (!early || early.appId !== appId) return null;
  const response = early.response;
  early.response = null;
  return response;
}

/** The viewer's code has taken over: the early script frames nothing more and answers the frame no more. */
export function releaseEarlyFrame(): void {
  slot()?.release();
}
