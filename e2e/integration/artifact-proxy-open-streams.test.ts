// What stays open under a token (SPEC §9, §11): a WebSocket tunnel or a server-sent event stream
// opened before the viewer signed out must not go on relaying. The proxy closes it once the
// revocation feed names its session, or once its token expires — within the 30 s of §11.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST, ORIGIN, startProxyWorld, type ProxyWorld } from './harness/artifact-proxy-fixture';
import { proxyUpgrade, type Tunnel } from './harness/proxy-upgrade';

let w: ProxyWorld;
beforeAll(async () => {
  w = await startProxyWorld();
});
afterAll(async () => w?.close());

const now = () => Math.floor(Date.now() / 1000);
async function openTunnel(cookie: string): Promise<Tunnel> {
  const answer = await proxyUpgrade(w.proxyUrl, HOST, '/ws', { cookie, origin: ORIGIN });
  expect(answer.status).toBe(101);
  return answer.tunnel!;
}

describe('a WebSocket tunnel', () => {
  it('is closed once the feed revokes its session; another viewer’s tunnel goes on', async () => {
    const leaving = await openTunnel((await w.session({ sid: 'ses_tunnel_signs_out' })).cookie);
    const staying = await openTunnel((await w.session({ sid: 'ses_tunnel_stays', sub: 'user_bea' })).cookie);
    expect(await leaving.echo('before')).toBe('before');

    w.feed.revoke({ sid: 'ses_tunnel_signs_out' });
    await leaving.closed;

    expect(await staying.echo('still here')).toBe('still here');
    staying.close();
  }, 30_000);

  it('is closed when its token expires, and the same cookie then opens no new one', async () => {
    const cookie = (await w.session({ iat: now() - 60, nbf: now() - 60, exp: now() + 3 })).cookie;
    const tunnel = await openTunnel(cookie);
    expect(await tunnel.echo('ping')).toBe('ping');

    await tunnel.closed;

    // The tunnel ends at the token's exp; new requests are refused once the verifier's 5 s clock tolerance is over.
    await vi.waitFor(
      async () => {
        const again = await proxyUpgrade(w.proxyUrl, HOST, '/ws', { cookie, origin: ORIGIN });
        again.tunnel?.close();
        expect(again.status).toBe(401);
      },
      { timeout: 15_000, interval: 1_000 },
    );
  }, 30_000);
});

describe('a server-sent event stream', () => {
  it('ends once the feed revokes its session, before the upstream’s next event', async () => {
    const cookie = (await w.session({ sid: 'ses_stream_signs_out' })).cookie;
    const stream = await new Promise<{ first: string; whole: Promise<string> }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: new URL(w.proxyUrl).port, path: '/sse', agent: false, headers: { host: HOST, cookie, 'sec-fetch-site': 'same-origin', accept: 'text/event-stream' } },
        (res) => {
          let text = '';
          const whole = new Promise<string>((done) => res.once('close', () => done(text)));
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text === 'data: first\n\n') resolve({ first: text, whole });
          });
          res.on('error', () => undefined);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(stream.first).toBe('data: first\n\n');

    w.feed.revoke({ sid: 'ses_stream_signs_out' });

    expect(await stream.whole).toBe('data: first\n\n');
    w.releaseSecondEvent(); // the upstream would have sent more; the viewer no longer gets it
  }, 30_000);
});
