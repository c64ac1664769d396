import { eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { auditEvents, memberships, sessions, users } from '@/db/schema';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { endSessions } from '@/lib/auth/sessions/end-sessions';
import { runGroup } from '@/lib/cli/args';
import { sessionsCommands } from '@/lib/cli/sessions-commands';
import { env } from '@/lib/platform/config/env';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { gatewayForSuite } from './harness/gateway-fixture';
import type { Refusal } from '@/lib/gateway/errors';

const MAX_AGE = 7200;
const APP = 'run_acme_public';

/** SPEC §9 server-side sessions: sign-in records one, sign-out / the sessions page / the CLI end it, the mint refuses it. */
export function describeSessions(kind: DbKind) {
  describe(`server-side sessions on ${kind}`, () => {
    const gw = gatewayForSuite(kind, { SESSION_MAX_AGE_SECONDS: String(MAX_AGE), RATE_LIMIT_MINTS_PER_MINUTE: '0' });
    let unauthenticatedBody: string;

    beforeAll(async () => {
      unauthenticatedBody = await problemWithoutInstance(await gw.client.mint(APP, {}));
    });

    /** The sid claim of a token minted with this cookie. */
    const sidOf = async (cookie: string, app = APP) => {
      const res = await gw.client.mint(app, { cookie });
      expect(res.status).toBe(200);
      return (await gw.verify(((await res.json()) as { token: string }).token, app)).sid as string;
    };
    /** A refused mint: 401 with exactly the body of every other 401 (but its request id). */
    const expectRefused = async (cookie: string) => {
      const res = await gw.client.mint(APP, { cookie });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await problemWithoutInstance(res)).toBe(unauthenticatedBody);
    };
    const sessionRow = async (sid: string) => (await (await getDb()).select().from(sessions).where(eq(sessions.id, sid)))[0]!;

    it('sign-in records a session (user, client, expiry) and every token minted with its cookie carries its sid', async () => {
      const cookie = await gw.client.signIn('alice@acme.test');
      const sid = await sidOf(cookie);
      expect(sid).toMatch(/^ses_[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(sid.slice(4), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      const row = await sessionRow(sid);
      expect(row).toMatchObject({ userId: 'usr_alice', endedAt: null, endReason: null, ip: '127.0.0.1', userAgent: 'node' });
      expect((row.expiresAt.getTime() - row.createdAt.getTime()) / 1000).toBe(MAX_AGE);
      const [audit] = await (await getDb()).select().from(auditEvents).where(eq(auditEvents.sessionId, sid));
      expect(audit).toMatchObject({ result: 'minted', userId: 'usr_alice', authVia: 'session' });
    });

    it('an API-token mint carries the API token’s id as sid', async () => {
      const { id, token } = await createApiToken({ userId: 'usr_alice', orgId: 'org_acme' });
      const res = await gw.client.mint(APP, { bearer: token });
      expect((await gw.verify(((await res.json()) as { token: string }).token, APP)).sid).toBe(id);
    });

    it('a copy of the cookie is refused after sign-out (POST /api/auth/signout), and the feed names the session', async () => {
      const cookie = await gw.client.signIn('alice@acme.test');
      const copy = cookie;
      const sid = await sidOf(cookie);
      const { cursor } = await readFeed(gw.url);
      expect([200, 302, 303]).toContain(await gw.client.signOut(cookie));
      await expectRefused(copy);
      expect(await sessionRow(sid)).toMatchObject({ endReason: 'signed_out' });
      expect(await newEntries(gw.url, cursor)).toEqual([{ sid }]);
    });

    it('an expired session is refused, however fresh its cookie', async () => {
      const cookie = await gw.client.signIn('alice@acme.test');
      const sid = await sidOf(cookie);
      await (await getDb()).update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, sid));
      await expectRefused(cookie);
    });

    it('a genuine cookie naming an unknown session, or none, is refused', async () => {
      const salt = 'authjs.session-token';
      for (const token of [{ sub: 'usr_alice', activeOrgId: 'org_acme', sid: 'ses_AAAAAAAAAAAAAAAAAAAAAAAA' }, { sub: 'usr_alice', activeOrgId: 'org_acme' }]) {
        const sealed = await encode({ token, secret: env().AUTH_SECRET, salt, maxAge: 3600 });
        await expectRefused(`${salt}=${sealed}`);
      }
    });

    it('another user’s cookie cannot use a session that is not theirs', async () => {
      const alice = await gw.client.signIn('alice@acme.test');
      const sealed = await encode({ token: { sub: 'usr_carol', activeOrgId: 'org_acme', sid: await sidOf(alice) }, secret: env().AUTH_SECRET, salt: 'authjs.session-token', maxAge: 3600 });
      await expectRefused(`authjs.session-token=${sealed}`);
    });

    it('ended from the sessions page: one session, or all the others; never another user’s', async () => {
      const [a, b, c] = [await gw.client.signIn('carol@example.test'), await gw.client.signIn('carol@example.test'), await gw.client.signIn('carol@example.test')];
      const [sa, sb] = [await sidOf(a, 'run_globex_tracker'), await sidOf(b, 'run_globex_tracker')];
      expect(await endSessions('usr_alice', { only: [sb] }, 'ended_by_user')).toEqual([]);
      expect((await gw.client.mint('run_globex_tracker', { cookie: b })).status).toBe(200);
      const { cursor } = await readFeed(gw.url);
      expect(await endSessions('usr_carol', { only: [sb] }, 'ended_by_user')).toEqual([sb]);
      expect((await gw.client.mint('run_globex_tracker', { cookie: b })).status).toBe(401);
      expect((await gw.client.mint('run_globex_tracker', { cookie: c })).status).toBe(200);
      expect(await endSessions('usr_carol', { except: sa }, 'ended_by_user')).toHaveLength(1);
      expect((await gw.client.mint('run_globex_tracker', { cookie: c })).status).toBe(401);
      expect((await gw.client.mint('run_globex_tracker', { cookie: a })).status).toBe(200);
      expect((await newEntries(gw.url, cursor)).map((e) => Object.keys(e))).toEqual([['sid'], ['sid']]);
    });

    it('the CLI lists a user’s sessions (id first) and ends them all', async () => {
      const db = await getDb();
      const hash = (await db.select().from(users).where(eq(users.id, 'usr_alice')))[0]!.passwordHash;
      await db.insert(users).values({ id: 'usr_cli', email: 'cli@acme.test', name: 'Cli', passwordHash: hash, lastActiveOrgId: 'org_acme' });
      await db.insert(memberships).values({ userId: 'usr_cli', orgId: 'org_acme' });
      const cookies = [await gw.client.signIn('cli@acme.test'), await gw.client.signIn('cli@acme.test')];
      const sids = [await sidOf(cookies[0]!), await sidOf(cookies[1]!)];
      const lines = await captured(() => runGroup('sessions', sessionsCommands, ['list', '--email', 'cli@acme.test']));
      expect(lines.map((l) => l.split(/\s+/)[0]).sort()).toEqual([...sids].sort());
      const { cursor } = await readFeed(gw.url);
      expect(await captured(() => runGroup('sessions', sessionsCommands, ['end', '--email', 'cli@acme.test']))).toEqual(['Ended 2 sessions of cli@acme.test.']);
      for (const cookie of cookies) await expectRefused(cookie);
      expect((await newEntries(gw.url, cursor)).map((e) => e.sid).sort()).toEqual([...sids].sort());
      expect(await captured(() => runGroup('sessions', sessionsCommands, ['list', '--email', 'cli@acme.test']))).toEqual([]);
    });
  });
}

async function problemWithoutInstance(res: Response): Promise<string> {
  const { instance: _instance, ...rest } = (await res.json()) as Record<string, unknown>;
  return JSON.stringify(rest);
}

async function captured(run: () => Promise<void | Refusal>): Promise<string[]> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
  try {
    const refused = await run();
    if (refused) lines.push(`refused (${refused.code}): ${refused.detail}`);
  } finally {
    spy.mockRestore();
  }
  return lines;
}
