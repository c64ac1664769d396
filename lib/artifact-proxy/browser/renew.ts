// Added by the proxy to the upstream's pages: while the viewer keeps handing over fresh tokens, each one
// renews the proxy session, without a reload and without the page ever seeing a token.
import { connectToGateway } from '@/lib/artifact-sdk/browser';
import { postSessionToken } from './session';

declare const __GATEWAY_ORIGIN__: string; // set by the proxy when it compiles this script

const gatewayOrigin = __GATEWAY_ORIGIN__;
let last: Promise<unknown> = Promise.resolve();

if (gatewayOrigin && window.parent !== window) {
  connectToGateway({
    gatewayOrigin,
    // One exchange at a time, in the order the tokens came.
    onToken: (token) => {
      last = last.then(() => postSessionToken(token)).catch(() => undefined);
    },
  });
}
