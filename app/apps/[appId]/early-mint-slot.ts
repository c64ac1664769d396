import { EARLY_MINT_KEY } from '@/lib/platform/http/early-mint-script';

/** The early mint's response for this app (null if it could not reach the gateway), once: later mints always make a new request. */
export function takeEarlyMint(appId: string): Promise<Response | null> | null {
  if (typeof window === 'undefined') return null;
  const slot = window as unknown as Record<string, { appId: string; response: Promise<Response | null> } | undefined>;
  const early = slot[EARLY_MINT_KEY];
  slot[EARLY_MINT_KEY] = undefined;
  return early?.appId === appId ? early.response : null;
}
