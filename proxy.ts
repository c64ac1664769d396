import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/platform/config/env';
import { withHsts } from '@/lib/platform/http/hsts';
import { checkHost, wrongHostPage } from '@/lib/platform/http/wrong-host';
import { metricsAuthorized } from '@/lib/platform/metrics/metrics-auth';

// Sets each page's Content-Security-Policy with a fresh script nonce; Next.js reads the nonce from the
// request's policy and puts it on its own scripts; sends pages opened at another host than APP_URL's
// to APP_URL (development) or to a page naming it (production). Nothing here decides who may see
// what: every page and route checks the session itself.

/** Unpredictable per response: 128 random bits, base64. */
function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Pages are never framed and frame nothing, except the viewer under /apps/: its policy leaves frames
 * out (no default-src, child-src or frame-src) and the page adds
 * `<meta http-equiv="Content-Security-Policy" content="frame-src <artifact origin>">` naming exactly
 * that app's artifact origin.
 */
export function pagePolicy({ nonce, viewer, dev }: { nonce: string; viewer: boolean; dev: boolean }): string {
  return [
    ...(viewer ? [] : ["default-src 'self'", "child-src 'none'", "frame-src 'none'"]),
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "media-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A path no page or route serves: rewriting there answers exactly as any unknown address does. */
const UNKNOWN_PATH = '/_app-gateway-no-such-page';

export function proxy(request: NextRequest) {
  const dev = process.env.NODE_ENV === 'development'; // inlined by Next.js at build time
  const e = env();
  const pathAndQuery = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  const host = checkHost({
    host: request.headers.get('host'),
    forwardedHost: request.headers.get('x-forwarded-host'),
    appUrl: e.APP_URL,
    trustedProxies: e.TRUSTED_PROXY_COUNT,
    pathAndQuery,
  });
  if (!host.ok) {
    // A Location on the server's own host would be made relative by Next.js (and loop): a route answers it.
    if (dev) return NextResponse.rewrite(new URL(`/api/to-app-url${pathAndQuery}`, request.url));
    const policy = pagePolicy({ nonce: newNonce(), viewer: false, dev });
    return withHsts(
      new NextResponse(wrongHostPage(host, e.APP_URL), {
        status: 421, // Misdirected Request: this server does not answer pages for that host
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': policy },
      }),
    );
  }
  const policy = pagePolicy({ nonce: newNonce(), viewer: request.nextUrl.pathname.startsWith('/apps/'), dev });
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  // /metrics without METRICS_TOKEN (unset, missing or wrong) answers as any unknown address does.
  const hidden = request.nextUrl.pathname === '/metrics' && !metricsAuthorized(request.headers.get('authorization'));
  const response = hidden
    ? NextResponse.rewrite(new URL(UNKNOWN_PATH, request.url), { request: { headers } })
    : NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return withHsts(response);
}

export const config = {
  // Pages only: API routes, SCIM, keys, health, the SDK's script and build assets get next.config.js's headers alone.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon\\.ico|api/|v1/|scim/|\\.well-known/|healthz|sdk/).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
