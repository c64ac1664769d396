import { pageNonce } from '@/lib/http/page-nonce';
import { mintRequest } from '@/lib/http/mint-request';
import { EARLY_MINT_KEY } from './early-mint-slot';

/**
 * Starts the page's first mint while the HTML is still arriving, instead of after the JavaScript
 * has loaded and hydrated (a few hundred milliseconds later); the viewer picks the response up.
 * Same request as every other mint: a same-origin POST with the session cookie.
 */
export async function EarlyMint({ appId }: { appId: string }) {
  const nonce = await pageNonce();
  const { url, init } = mintRequest(appId);
  // JSON in a script: escape `<` so no value can close the tag.
  const args = JSON.stringify([appId, url, init]).replace(/</g, '\\u003c');
  const script = `(function(a){try{window[${JSON.stringify(EARLY_MINT_KEY)}]={appId:a[0],response:fetch(a[1],a[2]).catch(function(){return null})}}catch(e){}})(${args})`;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
