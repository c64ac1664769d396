import { describe, expect, it } from 'vitest';
import { safeCallbackUrl, signInUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/apps/run_acme_dashboard', '/apps/run_acme_dashboard'],
    ['/apps/x?tab=1#top', '/apps/x?tab=1#top'],
    ['/', '/'],
    ['/apps/./x/../y', '/apps/y'],
    ['/apps/x?next=%2Fadmin', '/apps/x?next=%2Fadmin'],
  ])('keeps the same-origin path %s', (raw, expected) => {
    expect(safeCallbackUrl(raw)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    'http://localhost:3000/apps/x',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'apps/x',
    '/apps/x\n',
    '/apps/\u0000x',
    '/signin?callbackUrl=/x',
    '/api/auth/signout',
    '',
    '/' + 'a'.repeat(3000),
    undefined,
    ['/apps/x'],
  ])('turns %j into /', (raw) => {
    expect(safeCallbackUrl(raw)).toBe('/');
  });

  // Each of these normalizes, or decodes and then normalizes, to `//evil.example` or `/\evil.example`.
  const offSite = [
    '/.//evil.example',
    '/..//evil.example',
    '/%2e//evil.example',
    '/%2E//evil.example',
    '/%2e%2e//evil.example',
    '/a/..//evil.example',
    '/a/b/../..//evil.example',
    '/./\\evil.example',
  ];
  const percentEncoded = [
    '/%2f%2fevil.example',
    '/%2F%2Fevil.example',
    '/.%2f/evil.example',
    '/%2e%2f%2fevil.example',
    '/..%2f%2fevil.example',
    '/a/..%2F%2Fevil.example',
    '/%5cevil.example',
    '/%5C%5Cevil.example',
    '/.%2f%5cevil.example',
    '/%252f%252fevil.example',
    '/%2e%2e%252f%252fevil.example',
    '/apps/%0aSet-Cookie:x',
    '/apps/%00x',
    '/%',
  ];
  it.each([...offSite, ...percentEncoded])('never leaves the site for %j', (raw) => {
    expect(safeCallbackUrl(raw)).toBe('/');
    expect(signInUrl(raw)).toBe('/signin');
  });
});

describe('signInUrl', () => {
  it('carries a safe path as callbackUrl', () => {
    expect(signInUrl('/apps/run_acme_dashboard')).toBe('/signin?callbackUrl=%2Fapps%2Frun_acme_dashboard');
  });
  it('drops an unsafe one', () => {
    expect(signInUrl('//evil.example')).toBe('/signin');
  });
});
