// Identity headers in every spelling (SPEC §11): a WSGI or CGI upstream reads `X_App_Gateway_User_Id`
// as `HTTP_X_APP_GATEWAY_USER_ID`, so the proxy strips every client header whose name, with `_` as
// `-`, is one of its own or a forwarding header, before it sets its own. Sent over a raw socket:
// Node's client would not let these names through unchanged.
import { describe, expect, it } from 'vitest';
import { HOST, proxyWorldWithViewer, viewerIdentityHeaders } from './harness/artifact-proxy-fixture';
import { rawExchange } from './harness/host-request';

const proxy = proxyWorldWithViewer();

const raw = (bytes: string) => rawExchange(proxy.world.proxyUrl, bytes);

const FORGED = [
  'X_App_Gateway_User_Id: usr_mallory',
  'X-App-Gateway_User-Email: mallory@evil.test',
  'x_app_gateway_org_role: owner',
  'X_APP_GATEWAY_ASSERTION: forged.token.value',
  'X-App_Gateway-Anything: forged',
  'X_Forwarded_Host: evil.test',
  'X-Forwarded_Proto: https',
  'x_forwarded_for: 10.0.0.1',
  'X-Forwarded-Prefix: /admin',
  'Forwarded: for=10.0.0.1;host=evil.test',
];

/** A name as a WSGI upstream reads it: `_` and `-` alike, any case. */
const folded = (name: string) => name.toLowerCase().replace(/_/g, '-');

describe('client headers that spell the proxy’s own in another way', () => {
  it('never reach the upstream: it sees exactly the proxy’s identity and forwarding headers', async () => {
    const before = proxy.world.seen.length;
    const answer = await raw(`GET /api/whoami HTTP/1.1\r\nHost: ${HOST}\r\nCookie: ${proxy.cookie}\r\nSec-Fetch-Site: same-origin\r\n${FORGED.join('\r\n')}\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(proxy.world.seen.length).toBe(before + 1);
    const received = proxy.world.seen[proxy.world.seen.length - 1]!.headers;

    const reserved = Object.entries(received).filter(([name]) => /^(x-app-gateway-|x-forwarded-|forwarded$)/.test(folded(name)));
    expect(Object.fromEntries(reserved)).toEqual({
      ...viewerIdentityHeaders(proxy.token),
      'x-forwarded-host': HOST,
      'x-forwarded-proto': 'http',
      'x-forwarded-for': '127.0.0.1',
    });
  });
});
