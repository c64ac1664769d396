import { describe, expect, it } from 'vitest';
import { bootstrapPageHtml } from './bootstrap-page';
import { isForwardableTarget } from './request-target';
import { buildProxyScripts, proxyScriptsOf } from './scripts';

describe('the proxy’s scripts at content-hashed paths', () => {
  it('serves each script at a path named by its bytes, under /.app-gateway/', () => {
    const scripts = proxyScriptsOf({ bootstrap: 'console.log("b")', renew: 'console.log("r")' });
    expect(scripts.bootstrapPath).toMatch(/^\/\.app-gateway\/bootstrap\.[A-Za-z0-9_-]{16}\.js$/);
    expect(scripts.renewPath).toMatch(/^\/\.app-gateway\/renew\.[A-Za-z0-9_-]{16}\.js$/);
    expect([...scripts.served]).toEqual([
      [scripts.bootstrapPath, 'console.log("b")'],
      [scripts.renewPath, 'console.log("r")'],
    ]);
    expect(isForwardableTarget(scripts.bootstrapPath) && isForwardableTarget(scripts.renewPath)).toBe(true);
    // The plain names are no longer the proxy's: a page that names them gets nothing long-cached by mistake.
    expect(scripts.served.has('/.app-gateway/bootstrap.js')).toBe(false);
    expect(scripts.served.has('/.app-gateway/renew.js')).toBe(false);
  });

  it('gives a changed script a new path, and the same bytes the same path', () => {
    const before = proxyScriptsOf({ bootstrap: 'one', renew: 'two' });
    const again = proxyScriptsOf({ bootstrap: 'one', renew: 'two' });
    const changed = proxyScriptsOf({ bootstrap: 'one!', renew: 'two' });
    expect(again.bootstrapPath).toBe(before.bootstrapPath);
    expect(changed.bootstrapPath).not.toBe(before.bootstrapPath);
    expect(changed.renewPath).toBe(before.renewPath);
  });

  it('compiles for one gateway: another gateway origin is other bytes at other paths; the bootstrap page names its path', async () => {
    const [a, b] = await Promise.all([buildProxyScripts('http://localhost:3000'), buildProxyScripts('https://gateway.example')]);
    expect(a.served.get(a.bootstrapPath)).toContain(JSON.stringify('http://localhost:3000'));
    expect(a.served.get(a.renewPath)).toContain('app-gateway:token');
    expect(b.bootstrapPath).not.toBe(a.bootstrapPath);
    expect(b.renewPath).not.toBe(a.renewPath);
    expect(bootstrapPageHtml('check', a.bootstrapPath)).toContain(`<script type="module" src="${a.bootstrapPath}"></script>`);
  });
});
