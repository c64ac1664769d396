import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { classifyAddress, type AddressClass } from '@/lib/platform/net/address-class';
import { guardedLookup, literalRefusal } from '@/lib/platform/net/guarded-lookup';
import { addressAllowed, type WebhookPolicy } from './endpoint-url';

const TIMEOUT_MS = 10_000;

/** Why a send did not succeed, as a short code for the log. */
export type SendFailureReason = 'address_refused' | 'plain_http_refused' | 'http_status' | 'timeout' | 'connection_failed' | 'response_cut_off';

/**
 * A delivery that did not succeed: `message` is the console's words, `reason` the log's code, and
 * `detail` the status, error code or address class (never a body nor a secret).
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    readonly reason: SendFailureReason,
    message: string,
    readonly detail?: string | number,
  ) {
    super(message);
  }
}

const CLASS_WORDS: Record<AddressClass, string> = {
  loopback: 'loopback',
  private: 'private network',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  siteLocal: 'site-local',
  multicast: 'multicast',
  unspecified: 'unspecified',
  reserved: 'reserved',
  public: 'public',
};

const refused = (address: string) => {
  const cls = classifyAddress(address) ?? 'reserved';
  return new DeliveryError('address_refused', `refused by the network policy: ${CLASS_WORDS[cls]} address`, cls);
};

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
    if (url.protocol === 'http:' && !policy.allowHttp && policy.production) throw new DeliveryError('plain_http_refused', 'refused by the network policy: plain http in production');
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
            else reject(new DeliveryError('http_status', `HTTP ${status}`, status));
          });
          res.on('error', () => reject(new DeliveryError('response_cut_off', 'the response was cut off')));
        },
      );
      req.on('timeout', () => req.destroy(new DeliveryError('timeout', `no answer within ${TIMEOUT_MS / 1000} s`)));
      req.on('error', (error: NodeJS.ErrnoException) =>
        reject(
          error instanceof DeliveryError
            ? error
            : new DeliveryError('connection_failed', error.code ? `connection failed (${error.code})` : 'connection failed', error.code),
        ),
      );
      req.end(payload);
    });
  };
}
