import { fileURLToPath } from 'node:url';
import { buildBrowserModules, type BrowserModules } from '@/lib/platform/server/browser-modules';

/** Served path → JavaScript source of an ES module. */
export type BrowserBundles = BrowserModules;

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Compiles the browser helper and the page script once; the server serves the cached output. */
export function buildBrowserBundles(): Promise<BrowserBundles> {
  return buildBrowserModules({ '/sdk/browser.js': source('../../lib/artifact-sdk/browser.ts'), '/sdk/page.js': source('./page-script.ts') });
}
