// The proxy checks a session cookie's MAC and its token's signature once, then keeps them (issue 31):
// what it keeps must refuse exactly what the full checks refuse (SECURITY.md, "What the proxy keeps
// verified"): a revocation on the next request after it is read, a tampered or moved cookie at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxyWorld, TENANT_HOST, untilRefusedUnforwarded, type ProxyWorld } from './harness/artifact-proxy-fixture';

let w: ProxyWorld;
beforeAll(async () => {
  w = await startProxyWorld();
});
afterAll(async () => w?.close());

async function upstreamSees(cookie: string, host?: string) {
  const before = w.seen.length;
  const response = await w.request('/api/data', { headers: { cookie } }, host);
  return { status: response.status, reached: w.seen.length > before };
}

describe('a session the proxy has checked before', () => {
  it('is refused on the first request after its revocation is read, though its MAC and signature were kept; another session goes on', async () => {
    const leaving = (await w.session({ sid: 'ses_kept_signs_out' })).cookie;
    const staying = (await w.session({ sid: 'ses_kept_stays', sub: 'user_bea' })).cookie;
    for (let i = 0; i < 3; i++) expect(await upstreamSees(leaving)).toEqual({ status: 200, reached: true });

    w.feed.revoke({ sid: 'ses_kept_signs_out' });
    await untilRefusedUnforwarded(() => upstreamSees(leaving));
    expect(await upstreamSees(leaving)).toEqual({ status: 401, reached: false });
    expect(await upstreamSees(staying)).toEqual({ status: 200, reached: true });
  }, 30_000);

  it('does not vouch for a tampered copy of its cookie, nor for the same cookie on another app’s origin', async () => {
    const good = (await w.session()).cookie;
    expect(await upstreamSees(good)).toEqual({ status: 200, reached: true });
    const [name, value] = [good.slice(0, good.indexOf('=')), good.slice(good.indexOf('=') + 1)];
    const [token, mac] = [value.slice(0, value.lastIndexOf('~')), value.slice(value.lastIndexOf('~') + 1)];
    for (const tampered of [`${name}=${value.slice(0, -2)}AA`, `${name}=${token}~${mac}x`, `${name}=${token}`, `${name}=${token.slice(0, -2)}AA~${mac}`]) {
      expect(await upstreamSees(tampered), tampered).toEqual({ status: 401, reached: false });
    }
    expect(await upstreamSees(good, TENANT_HOST)).toEqual({ status: 401, reached: false });
    expect(await upstreamSees(good)).toEqual({ status: 200, reached: true });
  });
});
