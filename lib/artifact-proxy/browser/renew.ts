// Added by the proxy to the upstream's pages: while the viewer keeps handing over fresh tokens, each one
// renews the proxy session, without a reload and without the page ever seeing a token. When the
// viewer says the gateway session ended (sign-out), the proxy session ends too.
import { connectToGateway } from '@/lib/artifact-sdk/browser';
import { endSession, postSessionToken } from './session';
import { MESSAGE } from '@/lib/artifact-sdk/protocol';

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
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== gatewayOrigin || event.source !== window.parent) return;
    if ((event.data as { type?: unknown } | null)?.type !== MESSAGE.sessionEnded) return;
    last = last.then(endSession).then(() => location.reload(), () => location.reload());
  });
}
