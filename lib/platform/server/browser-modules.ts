import { build } from 'esbuild';

/** Served path → JavaScript source of an ES module. */
export type BrowserModules = ReadonlyMap<string, string>;

/**
 * Compiles browser entry points (served path → absolute source file) into ES modules, once, in
 * memory; the servers that use it (the artifact proxy, the sample artifact host) serve the output.
 */
export async function buildBrowserModules(
  entries: Record<string, string>,
  options: { define?: Record<string, string>; alias?: Record<string, string> } = {},
): Promise<BrowserModules> {
  const built = Object.entries(entries).map(async ([served, source]) => {
    const result = await build({
      entryPoints: [source],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2020',
      write: false,
      logLevel: 'silent',
      ...options,
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced no output for ${source}`);
    return [served, output.text] as const;
  });
  return new Map(await Promise.all(built));
}
