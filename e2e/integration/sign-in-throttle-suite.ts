import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { signInThrottles } from '@/db/schema';
import { MAX_FAILED_SIGN_INS, throttledPasswordCheck } from '@/lib/auth/sign-in-throttle';
import type { DbKind } from './harness/databases';
import { gatewayForSuite, type Gateway } from './harness/gateway-fixture';
import { logged } from './harness/logged';
import { addPerson } from './harness/people';

/** Password sign-in over HTTP, as a browser posts it; what Auth.js answers: `ok`, or its error `code`. */
async function attempt(gw: Gateway, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${gw.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${gw.url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') },
    body: new URLSearchParams({ email, password, csrfToken }),
  });
  const location = new URL(res.headers.get('location') ?? '/', gw.url);
  if (location.searchParams.get('error')) return location.searchParams.get('code') ?? location.searchParams.get('error')!;
  return res.headers.getSetCookie().some((c) => c.includes('session-token=')) ? 'ok' : `status ${res.status}`;
}

/** SPEC-level behaviour of the password sign-in throttle (issue #11 item 6), on one kind of database. */
export function describeSignInThrottle(kind: DbKind) {
  describe(`password sign-in throttle on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { LOG_LEVEL: 'warn' });
    beforeAll(async () => {
      for (const n of [1, 2, 3]) await addPerson({ id: `usr_throttle${n}`, email: `throttle${n}@acme.test`, name: `Throttle ${n}` });
    });

    it(`locks an email after ${MAX_FAILED_SIGN_INS} failures: then even the right password is refused, with one log line`, async () => {
      for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect(await attempt(gw, 'throttle1@acme.test', `wrong-${i}`)).toBe('credentials');
      const lines = await logged(async () => {
        expect(await attempt(gw, 'THROTTLE1@acme.test', 'wrong-last')).toBe('locked');
      });
      // The line names the email's domain, never the email (nor any other line).
      expect(lines.filter((l) => l.event === 'sign_in_locked')).toEqual([expect.objectContaining({ level: 'warn', emailDomain: 'acme.test', failures: MAX_FAILED_SIGN_INS })]);
      expect(JSON.stringify(lines)).not.toMatch(/throttle1@/i);
      expect(await attempt(gw, 'throttle1@acme.test', 'demo-password')).toBe('locked');
      expect(await attempt(gw, 'throttle1@acme.test', 'still-wrong')).toBe('locked');
      // Other emails are not affected.
      expect(await attempt(gw, 'throttle2@acme.test', 'demo-password')).toBe('ok');
    });

    it('answers a locked unknown email exactly as a locked account, so a lock tells nothing about accounts', async () => {
      for (let i = 0; i < MAX_FAILED_SIGN_INS; i++) await attempt(gw, 'nobody@acme.test', 'guess');
      expect(await attempt(gw, 'nobody@acme.test', 'demo-password')).toBe('locked');
      expect(await attempt(gw, 'throttle1@acme.test', 'demo-password')).toBe('locked');
    });

    it('spends no password check on a locked email', async () => {
      let checks = 0;
      const verify = async () => (checks++, false);
      expect(await throttledPasswordCheck('throttle1@acme.test', verify)).toBe('locked');
      expect(checks).toBe(0);
      expect(await throttledPasswordCheck('fresh@acme.test', verify)).toBe('wrong');
      expect(checks).toBe(1);
    });

    it('a success resets the count', async () => {
      for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) await attempt(gw, 'throttle2@acme.test', 'wrong');
      expect(await attempt(gw, 'throttle2@acme.test', 'demo-password')).toBe('ok');
      for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) expect(await attempt(gw, 'throttle2@acme.test', 'wrong')).toBe('credentials');
      expect(await attempt(gw, 'throttle2@acme.test', 'demo-password')).toBe('ok');
    });

    it('counts failures within 15 minutes only, and lifts the lock after 15 minutes', async () => {
      const db = await getDb();
      for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) await attempt(gw, 'throttle3@acme.test', 'wrong');
      // The window began 16 minutes ago: the next failure starts a new count instead of locking.
      await db.update(signInThrottles).set({ windowStartedAt: sql`now() - interval '16 minutes'` }).where(eq(signInThrottles.emailKey, 'throttle3@acme.test'));
      expect(await attempt(gw, 'throttle3@acme.test', 'wrong')).toBe('credentials');
      const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.emailKey, 'throttle3@acme.test'));
      expect(row!.failures).toBe(1);

      // throttle1's lock, made to have begun 15 minutes ago: over, and a fresh count starts.
      await db.update(signInThrottles).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(signInThrottles.emailKey, 'throttle1@acme.test'));
      expect(await attempt(gw, 'throttle1@acme.test', 'wrong')).toBe('credentials');
      expect(await attempt(gw, 'throttle1@acme.test', 'demo-password')).toBe('ok');
    });
  });
}
