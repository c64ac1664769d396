import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ENTRY_POINTS = {
  '/sdk/browser.js': '../../lib/artifact-sdk/browser.ts',
  '/sdk/page.js': './page-script.ts',
} as const;

/** Served path → JavaScript source of an ES module. */
export type BrowserBundles = ReadonlyMap<string, string>;

/** Compiles the browser helper and the page script once; the server serves the cached output. */
export async function buildBrowserBundles(): Promise<BrowserBundles> {
  const entries = Object.entries(ENTRY_POINTS).map(async ([servedPath, source]) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(source, import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced no output for ${source}`);
    return [servedPath, output.text] as const;
  });
  return new Map(await Promise.all(entries));
}
