import { methodsNotAllowed, route } from '@/lib/platform/http/route';
import { sdkBrowserScript } from '@/lib/platform/http/sdk-browser-script';

export const dynamic = 'force-dynamic';

// GET /sdk/v1/browser.js — the SDK's browser helper as one ES module, for artifacts on any origin to
// import (SPEC §6 amended). Public code: CORS for all, no credentials read; the path is versioned and
// the bytes fixed by the build, so it is cached for a year and checked with the SRI hash in the docs.
export const GET = route(async () => {
  const { source } = sdkBrowserScript();
  return new Response(source, {
    headers: {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'x-content-type-options': 'nosniff',
    },
  });
});

export const { POST } = methodsNotAllowed('GET');
