// @ts-check
import { bundleSdkBrowser, SDK_BROWSER_CONSTANT } from './lib/platform/tasks/sdk-browser.mjs';

/**
 * Headers on every response. Pages get their Content-Security-Policy (with a per-request script
 * nonce) from proxy.ts; the rest (API routes, keys, health) only ever answer data, so their policy
 * forbids everything.
 */
const securityHeaders = [
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  // Windows a gateway page opens keep a handle to it; a window that opens a gateway page does not.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin-allow-popups' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

const dataPolicy = { key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm run bundle` ships .next/standalone (the traced node_modules) with the gateway's own server as dist/app-gateway.
  output: 'standalone',
  poweredByHeader: false,
  reactStrictMode: true,
  // PGlite loads its WebAssembly and data files from its own package folder at run time.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'prom-client', '@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http'],
  typedRoutes: false,
  // Bench fixtures (`route.bench.ts`, npm run bench) are routes only in a build made with APP_GATEWAY_BENCH_FIXTURES=1.
  pageExtensions: ['tsx', 'ts', 'jsx', 'js', ...(process.env.APP_GATEWAY_BENCH_FIXTURES === '1' ? ['bench.ts'] : [])],
  compiler: {
    // The SDK's browser helper, bundled now and served by app/sdk/v1/browser.js (its SRI hash is in the docs).
    defineServer: { [SDK_BROWSER_CONSTANT]: bundleSdkBrowser() },
    // The production server around Next.js's handler (lib/platform/server/main.ts), built with every build.
    async runAfterProductionCompile(where) {
      const { buildServer } = await import('./lib/platform/tasks/build-server.mjs');
      await buildServer(where);
    },
  },
  // `npm test` type-checks in a lane of its own (`tsc --noEmit`, which includes .next/types) beside the
  // suites, instead of here, before any of them can start.
  typescript: { ignoreBuildErrors: process.env.APP_GATEWAY_BUILD_TYPECHECKED_ELSEWHERE === '1' },
  experimental: {
    // forbidden() from next/navigation: refused console pages answer HTTP 403 (app/admin/forbidden.tsx).
    authInterrupts: true,
    // A build on CI starts from a fresh clone and is never repeated: writing Turbopack's cache is time lost.
    turbopackFileSystemCacheForBuild: process.env.CI !== 'true',
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      ...['/api/:path*', '/v1/:path*', '/scim/:path*', '/.well-known/:path*', '/healthz'].map((source) => ({ source, headers: [dataPolicy] })),
    ];
  },
};

export default nextConfig;
