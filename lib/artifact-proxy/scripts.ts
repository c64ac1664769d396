import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** Served path under `/.app-gateway/` → compiled ES module. */
export type ProxyScripts = ReadonlyMap<string, string>;

const ENTRY_POINTS = {
  '/.app-gateway/bootstrap.js': './browser/bootstrap.ts',
  '/.app-gateway/renew.js': './browser/renew.ts',
} as const;

/** Compiles the proxy's two browser scripts once, at start, for the one gateway they talk to. */
export async function buildProxyScripts(gatewayOrigin: string): Promise<ProxyScripts> {
  const entries = Object.entries(ENTRY_POINTS).map(async ([served, source]) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(source, import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      define: { __GATEWAY_ORIGIN__: JSON.stringify(gatewayOrigin) },
      alias: { '@': fileURLToPath(new URL('../..', import.meta.url)) },
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced no output for ${source}`);
    return [served, output.text] as const;
  });
  return new Map(await Promise.all(entries));
}
