import { createHash } from 'node:crypto';

// Replaced by the bundled helper's text when the gateway is compiled (lib/platform/tasks/sdk-browser.mjs).
declare const __APP_GATEWAY_SDK_BROWSER_JS__: string | undefined;

export interface SdkBrowserScript {
  source: string;
  /** Its Subresource Integrity value (`sha384-…`), as the docs publish it. */
  integrity: string;
}

let script: SdkBrowserScript | null = null;

/** The bundled browser helper (served at /sdk/v1/browser.js), hashed once per process. */
export function sdkBrowserScript(): SdkBrowserScript {
  if (script) return script;
  const source = typeof __APP_GATEWAY_SDK_BROWSER_JS__ === 'string' ? __APP_GATEWAY_SDK_BROWSER_JS__ : null;
  if (source === null) throw new Error('This build has no SDK browser helper: compile with next.config.js (compiler.defineServer).');
  script = { source, integrity: `sha384-${createHash('sha384').update(source, 'utf8').digest('base64')}` };
  return script;
}
