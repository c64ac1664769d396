import { describe, expect, it } from 'vitest';
import { checkHost, wrongHostPage } from './wrong-host';

const base = { forwardedHost: null, appUrl: 'http://localhost:3000', trustedProxies: 0, pathAndQuery: '/apps/run_acme_dashboard?x=1' };

describe('checkHost', () => {
  it('accepts APP_URL’s own host, default ports included', () => {
    expect(checkHost({ ...base, host: 'localhost:3000' })).toEqual({ ok: true });
    expect(checkHost({ ...base, host: 'LOCALHOST:3000' })).toEqual({ ok: true });
    expect(checkHost({ ...base, appUrl: 'https://gateway.example', host: 'gateway.example:443' })).toEqual({ ok: true });
  });

  it('refuses another host, with the same path and query on APP_URL', () => {
    expect(checkHost({ ...base, host: '127.0.0.1:3000' })).toEqual({ ok: false, host: '127.0.0.1:3000', location: 'http://localhost:3000/apps/run_acme_dashboard?x=1' });
    expect(checkHost({ ...base, host: 'localhost:3001' })).toMatchObject({ ok: false });
    expect(checkHost({ ...base, host: null })).toMatchObject({ ok: false, host: '' });
    expect(checkHost({ ...base, host: 'bad host/' })).toMatchObject({ ok: false });
  });

  it('looks at X-Forwarded-Host only behind trusted proxies', () => {
    const forwarded = { ...base, appUrl: 'https://gateway.example', host: '10.0.0.5:3000', forwardedHost: 'gateway.example' };
    expect(checkHost({ ...forwarded, trustedProxies: 1 })).toEqual({ ok: true });
    expect(checkHost({ ...forwarded, trustedProxies: 0 })).toMatchObject({ ok: false, host: '10.0.0.5:3000' });
    expect(checkHost({ ...base, host: 'localhost:3000', forwardedHost: 'evil.example' })).toEqual({ ok: true });
  });

  it('never leaves APP_URL’s origin, whatever the path', () => {
    const r = checkHost({ ...base, host: '127.0.0.1:3000', pathAndQuery: '//evil.example/x' });
    expect(r.ok === false && new URL(r.location).origin).toBe('http://localhost:3000');
  });
});

describe('wrongHostPage', () => {
  it('names APP_URL and the host used, escaped', () => {
    const html = wrongHostPage({ host: '<script>x</script>', location: 'http://localhost:3000/' }, 'http://localhost:3000');
    expect(html).toContain('http://localhost:3000');
    expect(html).toContain('&#60;script&#62;x&#60;/script&#62;');
    expect(html).not.toContain('<script>');
  });
});
