import { mintRequest, type MintKind } from '../../ui/browser/mint-request';

/** Where the window keeps the response of the mint started by the viewer page's inline script. */
export const EARLY_MINT_KEY = '__appGatewayEarlyMint';

/**
 * The viewer page's inline script: starts the first mint at once and keeps its response (null when
 * the gateway could not be reached) under EARLY_MINT_KEY. Values are embedded as JSON with `<`
 * escaped, so no app id can end the script element.
 */
export function earlyMintScript(appId: string, kind: MintKind = 'member'): string {
  const { url, init } = mintRequest(appId, kind);
  const args = JSON.stringify([appId, url, init]).replace(/</g, '\\u003c');
  return `(function(a){try{window[${JSON.stringify(EARLY_MINT_KEY)}]={appId:a[0],response:fetch(a[1],a[2]).catch(function(){return null})}}catch(e){}})(${args})`;
}
