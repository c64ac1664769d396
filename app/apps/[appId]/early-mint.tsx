import { earlyMintScript } from '@/lib/platform/http/early-mint-script';
import { pageNonce } from '@/lib/platform/http/page-nonce';
import type { MintKind } from '@/lib/ui/browser/mint-request';

/**
 * Starts the page's first mint while the HTML is still arriving, instead of after the JavaScript
 * has loaded and hydrated (a few hundred milliseconds later); the viewer picks the response up.
 * Same request as every other mint: a same-origin POST with the session cookie.
 */
export async function EarlyMint({ appId, kind = 'member' }: { appId: string; kind?: MintKind }) {
  return <script nonce={await pageNonce()} dangerouslySetInnerHTML={{ __html: earlyMintScript(appId, kind) }} />;
}
