import { describe, expect, it } from 'vitest';
import { safeCallbackUrl, signInUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/apps/run_acme_dashboard', '/apps/run_acme_dashboard'],
    ['/apps/x?tab=1#top', '/apps/x?tab=1#top'],
    ['/', '/'],
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
});

describe('signInUrl', () => {
  it('carries a safe path as callbackUrl', () => {
    expect(signInUrl('/apps/run_acme_dashboard')).toBe('/signin?callbackUrl=%2Fapps%2Frun_acme_dashboard');
  });
  it('drops an unsafe one', () => {
    expect(signInUrl('//evil.example')).toBe('/signin');
  });
});
