// AUTH_SECRET rotation on PGlite: a cookie sealed under the old secret still mints (one database round
// trip) and still opens a page after a restart with AUTH_SECRET=new,old; once old is removed it is
// refused everywhere: 401 at the mint, sign-in for the page. Pages and the mint read the cookie with
// the same decoder, so they always agree. The page is GET / itself (app/page.tsx) with Auth.js's
// real auth(), in this process: next/headers answers with the request's cookie, as Next.js would.
import { isValidElement } from 'react';
import { getURLFromRedirectError } from 'next/dist/client/components/redirect';
import { isRedirectError } from 'next/dist/client/components/redirect-error';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { observeStatements } from '@/db/client';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { gatewayForSuite } from './harness/gateway-fixture';

const request = vi.hoisted(() => ({ cookie: '' }));
vi.mock('next/headers', () => {
  const pairs = () => request.cookie.split(/;\s*/).filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)] as const);
  return {
    headers: async () => new Headers(request.cookie ? { cookie: request.cookie } : {}),
    // The page reads its own cookies too (the access requests it sent): what the request carries.
    cookies: async () => ({ get: (name: string) => pairs().map(([n, value]) => ({ name: n, value })).find((c) => c.name === name) }),
  };
});

const { default: HomePage } = await import('@/app/page');

const OLD = 'old-auth-secret-'.padEnd(48, 'o');
const NEW = 'new-auth-secret-'.padEnd(48, 'n');
const APP = 'run_acme_dashboard';

/** GET / with this cookie: 200 (the page rendered its apps) or where it redirected. */
async function openHome(cookie: string): Promise<{ status: 200 } | { redirect: string }> {
  request.cookie = cookie;
  try {
    const page = await HomePage();
    expect(isValidElement(page)).toBe(true);
    return { status: 200 };
  } catch (error) {
    if (isRedirectError(error)) return { redirect: getURLFromRedirectError(error) };
    throw error;
  } finally {
    request.cookie = '';
  }
}

describe('AUTH_SECRET rotation: the first secret seals, every listed secret opens', () => {
  const gw = gatewayForSuite('pglite', { AUTH_SECRET: OLD, RATE_LIMIT_MINTS_PER_MINUTE: '0' });
  let oldCookie: string;
  let apiToken: string;

  /** A mint that loads what a fresh gateway loads on its first (the signing key), so the counted ones are like any later mint. */
  const warmUp = async () => expect((await gw.client.mint(APP, { bearer: apiToken })).status).toBe(200);
  const restart = async (AUTH_SECRET: string) => {
    await gw.restart({ AUTH_SECRET });
    await warmUp();
  };

  beforeAll(async () => {
    apiToken = (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' })).token;
    await warmUp();
    oldCookie = await gw.client.signIn('alice@acme.test');
  });

  /** One mint with this cookie: its status and how many statements it sent. */
  const mint = async (cookie: string) => {
    let statements = 0;
    observeStatements(() => statements++);
    try {
      const res = await gw.client.mint(APP, { cookie });
      return { status: res.status, statements, wwwAuthenticate: res.headers.get('www-authenticate') };
    } finally {
      observeStatements(null);
    }
  };

  it('before: the cookie mints and opens the page; no cookie is sent to sign-in', async () => {
    expect(await mint(oldCookie)).toMatchObject({ status: 200, statements: 1 });
    expect(await openHome(oldCookie)).toEqual({ status: 200 });
    expect(await openHome('')).toEqual({ redirect: '/signin' });
  });

  it('AUTH_SECRET=new,old: the old cookie still mints in one round trip and opens the page; new sign-ins are sealed under new', async () => {
    await restart(`${NEW},${OLD}`);
    expect(await mint(oldCookie)).toMatchObject({ status: 200, statements: 1 });
    expect(await openHome(oldCookie)).toEqual({ status: 200 });
    const newCookie = await gw.client.signIn('alice@acme.test');
    expect(await mint(newCookie)).toMatchObject({ status: 200, statements: 1 });

    await restart(NEW);
    expect(await mint(newCookie)).toMatchObject({ status: 200, statements: 1 });
    expect(await openHome(newCookie)).toEqual({ status: 200 });
  });

  it('AUTH_SECRET=new: the old cookie is a bad cookie like any other, 401 at the mint and sign-in for the page', async () => {
    expect(await mint(oldCookie)).toMatchObject({ status: 401, wwwAuthenticate: 'Bearer' });
    expect(await openHome(oldCookie)).toEqual({ redirect: '/signin' });
  });

  it('AUTH_SECRET=old again (the rotation undone): the new cookie is refused, the old one works again', async () => {
    const newCookie = await gw.client.signIn('alice@acme.test');
    await restart(OLD);
    expect(await mint(newCookie)).toMatchObject({ status: 401 });
    expect(await openHome(newCookie)).toEqual({ redirect: '/signin' });
    expect(await mint(oldCookie)).toMatchObject({ status: 200, statements: 1 });
    expect(await openHome(oldCookie)).toEqual({ status: 200 });
  });
});
