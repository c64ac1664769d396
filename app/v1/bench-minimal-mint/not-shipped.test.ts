import { afterEach, describe, expect, it, vi } from 'vitest';

// The bench's minimal route (route.bench.ts) is a route only in a build made for the bench: Next.js
// takes `bench.ts` as a page extension then, and never otherwise; and even built, it answers only
// when the server runs with APP_GATEWAY_BENCH_FIXTURES=1 too.
const config = async () => {
  vi.resetModules();
  // next.config.js is plain JavaScript (checked by its JSDoc): imported by path, its type is the one it declares.
  const path: string = '../../../next.config.js';
  return ((await import(path)) as { default: { pageExtensions: string[] } }).default;
};

describe('the bench-only minimal mint route', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is no route of an ordinary build', async () => {
    vi.stubEnv('APP_GATEWAY_BENCH_FIXTURES', '');
    expect((await config()).pageExtensions).toEqual(['tsx', 'ts', 'jsx', 'js']);
    vi.stubEnv('APP_GATEWAY_BENCH_FIXTURES', '1');
    expect((await config()).pageExtensions).toContain('bench.ts');
  });

  it('answers 404 without the variable at run time, before reading anything', async () => {
    vi.stubEnv('APP_GATEWAY_BENCH_FIXTURES', '');
    const { POST } = await import('./[appId]/route.bench');
    const res = await POST(new Request('http://localhost/v1/bench-minimal-mint/x', { method: 'POST', body: '{}' }), { params: Promise.resolve({ appId: 'x' }) });
    expect(res.status).toBe(404);
  });
});
