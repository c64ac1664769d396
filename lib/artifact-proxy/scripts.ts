import { fileURLToPath } from 'node:url';
import { buildBrowserModules, type BrowserModules } from '@/lib/platform/server/browser-modules';

/** Served path under `/.app-gateway/` → compiled ES module. */
export type ProxyScripts = BrowserModules;

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Compiles the proxy's two browser scripts once, at start, for the one gateway they talk to. */
export function buildProxyScripts(gatewayOrigin: string): Promise<ProxyScripts> {
  return buildBrowserModules(
    { '/.app-gateway/bootstrap.js': source('./browser/bootstrap.ts'), '/.app-gateway/renew.js': source('./browser/renew.ts') },
    { define: { __GATEWAY_ORIGIN__: JSON.stringify(gatewayOrigin) }, alias: { '@': source('../..') } },
  );
}
