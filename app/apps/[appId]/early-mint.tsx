import { earlyMintScript, type EarlyFrameTarget } from '@/lib/platform/http/early-mint-script';
import { pageNonce } from '@/lib/platform/http/page-nonce';
import type { MintKind } from '@/lib/ui/browser/mint-request';

/**
 * Starts the page's first mint while the HTML is still arriving, instead of after the JavaScript
 * has loaded and hydrated (a few hundred milliseconds later), and frames the artifact with its token
 * as soon as the mint answers; the viewer picks the response (and the frame) up. Same request as
 * every other mint: a same-origin POST with the session cookie.
 */
export async function EarlyMint({ appId, kind = 'member', frame }: { appId: string; kind?: MintKind; frame: EarlyFrameTarget }) {
  return <script nonce={await pageNonce()} dangerouslySetInnerHTML={{ __html: earlyMintScript(appId, kind, frame) }} />;
}
