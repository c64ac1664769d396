// The SDK's browser helper (lib/artifact-sdk/browser.ts) as the gateway serves it at /sdk/v1/browser.js
// (SPEC §6 amended): one ES module, bundled by esbuild when the gateway is compiled — next.config.js
// passes it to `next build` and `next dev` as a compile-time constant, vitest.config.ts to the
// in-process tests — so the served bytes, and the SRI hash the docs publish, are fixed by the build.
import path from 'node:path';
import { buildSync } from 'esbuild';

/** The identifier the bundled text replaces (lib/platform/http/sdk-browser-script.ts reads it). */
export const SDK_BROWSER_CONSTANT = '__APP_GATEWAY_SDK_BROWSER_JS__';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** The helper as one ES module's text; the same bytes wherever the repository is (paths in it are relative to it). */
export function bundleSdkBrowser() {
  const { outputFiles } = buildSync({
    entryPoints: [path.join(root, 'lib', 'artifact-sdk', 'browser.ts')],
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const [output] = outputFiles;
  if (!output) throw new Error('esbuild produced no output for lib/artifact-sdk/browser.ts');
  return output.text;
}
