import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, literalRefusal } from '@/lib/net/guarded-lookup';
import { addressAllowed, type WebhookPolicy } from './endpoint-url';

const TIMEOUT_MS = 10_000;

/** A delivery that did not succeed, with a short reason fit for the console (no body, no secret). */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
}

const refused = () => new DeliveryError('the address is a private network address (refused)');

/**
 * A sender for one endpoint: POSTs one event per call, signed per Standard Webhooks (webhook-id,
 * webhook-timestamp, webhook-signature), over the keep-alive agent (one connection reused for the
 * endpoint's events, the address checked at each new connection). Resolves on a 2xx answer;
 * otherwise throws a DeliveryError saying why. Redirects are not followed.
 */
export function webhookSender(target: { url: string; secret: string }, policy: WebhookPolicy): (msgId: string, payload: string) => Promise<void> {
  const url = new URL(target.url);
  const signer = new Webhook(target.secret);
  const transport = url.protocol === 'https:' ? https : http;
  const allows = (address: string) => addressAllowed(address, policy);
  const lookup = guardedLookup(allows, refused);
  return async (msgId, payload) => {
    if (url.protocol === 'http:' && !policy.allowHttp && policy.production) throw new DeliveryError('plain http is refused in production');
    const literal = literalRefusal(url.hostname, allows, refused);
    if (literal) throw literal;
    const now = new Date();
    const signature = signer.sign(msgId, now, payload);
    await new Promise<void>((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: 'POST',
          lookup,
          timeout: TIMEOUT_MS,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'app-gateway-webhooks',
            'webhook-id': msgId,
            'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
            'webhook-signature': signature,
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new DeliveryError(`HTTP ${status}`));
          });
          res.on('error', () => reject(new DeliveryError('the response was cut off')));
        },
      );
      req.on('timeout', () => req.destroy(new DeliveryError(`no answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(error instanceof DeliveryError ? error : new DeliveryError(error.code ? `connection failed (${error.code})` : 'connection failed')),
      );
      req.end(payload);
    });
  };
}
