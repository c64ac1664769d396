// The connect-time address check of webhook delivery, against a real receiver on loopback: an
// endpoint written as an IP literal never goes through DNS, so its address is checked as it is.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from './secret-box';
import { webhookSender } from './send';

const production = { production: true, allowHttp: true, allowPrivate: false };
const development = { production: false, allowHttp: false, allowPrivate: false };

let receiver: Server;
let port: number;
let received = 0;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    received++;
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => new Promise((resolve) => receiver.close(resolve)));

const send = (host: string, policy: typeof production) =>
  webhookSender({ url: `http://${host}:${port}/hook`, secret: newWebhookSecret() }, policy)('evt_1', '{"type":"test"}');

describe('webhook delivery: the address connected to is checked, literals included', () => {
  it('production refuses a loopback IP literal in every spelling, and the receiver gets nothing', async () => {
    for (const host of ['127.0.0.1', '[::ffff:7f00:1]', '[::ffff:127.0.0.1]']) {
      const before = received;
      await expect(send(host, production), host).rejects.toThrow('refused by the network policy: loopback address');
      expect(received - before, host).toBe(0);
    }
  });

  it('production refuses a name that resolves to loopback', async () => {
    const before = received;
    await expect(send('localhost', production)).rejects.toThrow('refused by the network policy: loopback address');
    expect(received - before).toBe(0);
  });

  it('outside production the same receiver on loopback gets the event', async () => {
    const before = received;
    await send('127.0.0.1', development);
    expect(received - before).toBe(1);
  });
});
