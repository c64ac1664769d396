import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { buildBrowserModules } from '@/lib/platform/server/browser-modules';

/**
 * The proxy's two browser scripts, each served at a path named after a hash of its bytes, so a
 * browser keeps it for good (`immutable`) and a changed script (a new build, another gateway origin)
 * is a new path: the bootstrap page and the upstream's pages name the path of the bytes served now.
 */
export type ProxyScripts = {
  /** Served path → the compiled ES module. */
  readonly served: ReadonlyMap<string, string>;
  /** Where the bootstrap page loads its script from. */
  readonly bootstrapPath: string;
  /** Where the upstream's HTML pages load the renew script from. */
  readonly renewPath: string;
};

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** `/.app-gateway/<name>.<first 16 base64url characters of the SHA-256 of the source>.js` */
export function hashedScriptPath(name: string, js: string): string {
  return `/.app-gateway/${name}.${createHash('sha256').update(js).digest('base64url').slice(0, 16)}.js`;
}

export function proxyScriptsOf(sources: { bootstrap: string; renew: string }): ProxyScripts {
  const bootstrapPath = hashedScriptPath('bootstrap', sources.bootstrap);
  const renewPath = hashedScriptPath('renew', sources.renew);
  return { served: new Map([[bootstrapPath, sources.bootstrap], [renewPath, sources.renew]]), bootstrapPath, renewPath };
}

/** Compiles the proxy's two browser scripts once, at start, for the one gateway they talk to. */
export async function buildProxyScripts(gatewayOrigin: string): Promise<ProxyScripts> {
  const built = await buildBrowserModules(
    { bootstrap: source('./browser/bootstrap.ts'), renew: source('./browser/renew.ts') },
    { define: { __GATEWAY_ORIGIN__: JSON.stringify(gatewayOrigin) }, alias: { '@': source('../..') } },
  );
  return proxyScriptsOf({ bootstrap: built.get('bootstrap')!, renew: built.get('renew')! });
}
