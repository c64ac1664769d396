import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, revocations, users } from '@/db/schema';
import { createApiToken, revokeApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { deleteUser } from '@/lib/auth/delete-user';
import { changeMembership } from '@/lib/gateway/orgs/org-members';
import { parseCursor, START } from '@/lib/gateway/revocations/cursor';
import { readRevocations } from '@/lib/gateway/revocations/feed';
import { recordRevocations, revokeAppAccess } from '@/lib/gateway/revocations/record';
import { ERRORS } from '@/lib/platform/http/problem';
import type { DbKind } from './harness/databases';
import { newEntries, readFeed } from './harness/feed';
import { expectLateCommitsPaged } from './harness/late-commits';
import { gatewayForSuite } from './harness/gateway-fixture';

const FEED = '/v1/app-gateway/revocations';

/** SPEC §9 revocation feed: what writes entries, what they say, paging, retention, bad cursors. */
export function describeRevocationFeed(kind: DbKind) {
  describe(`GET ${FEED} on ${kind}`, () => {
    const gw = gatewayForSuite(kind);

    beforeAll(async () => {
      const db = await getDb();
      const hash = (await db.select().from(users).where(eq(users.id, 'usr_alice')))[0]!.passwordHash;
      for (const id of ['usr_f1', 'usr_f2', 'usr_f3']) {
        await db.insert(users).values({ id, email: `${id}@acme.test`, name: `Feed ${id}`, passwordHash: hash, lastActiveOrgId: 'org_acme' });
        await db.insert(memberships).values({ userId: id, orgId: 'org_acme' });
      }
    });

    it('is public, never cached, readable from any origin, and named in discovery', async () => {
      const res = await fetch(`${gw.url}${FEED}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const discovery = (await (await fetch(`${gw.url}/.well-known/app-gateway`)).json()) as Record<string, string>;
      expect(discovery.revocation_endpoint).toBe(`http://localhost:3000${FEED}`);
      const post = await fetch(`${gw.url}${FEED}`, { method: 'POST' });
      expect(post.status).toBe(405);
      expect(post.headers.get('allow')).toBe('GET');
    });

    it('an entry for each event, naming only claims: no names, no emails', async () => {
      const { cursor } = await readFeed(gw.url);
      const { id: tokenId } = await createApiToken({ userId: 'usr_f1', orgId: 'org_acme' });
      expect(await revokeApiToken(tokenId)).toBe(true);
      expect(await changeMembership('org_acme', 'usr_f1', 'admin')).toBe('ok');
      expect(await changeMembership('org_acme', 'usr_f1', 'admin')).toBe('ok'); // no change, no entry
      expect(await changeMembership('org_acme', 'usr_f2', null)).toBe('ok');
      expect(await deleteUser('usr_f3')).toBe(true);
      await revokeAppAccess(await getDb(), 'usr_f1', 'run_acme_dashboard');
      const body = await readFeed(gw.url, cursor);
      expect(body.revocations.map(({ at: _at, ...rest }) => rest)).toEqual([
        { sid: tokenId },
        { sub: 'usr_f1', org_id: 'org_acme' },
        { sub: 'usr_f2', org_id: 'org_acme' },
        { sub: 'usr_f3' },
        { sub: 'usr_f1', aud: 'run_acme_dashboard' },
      ]);
      for (const e of body.revocations) expect(Math.abs(Date.parse(e.at!) - Date.now())).toBeLessThan(60_000);
      expect(JSON.stringify(body)).not.toMatch(/Feed usr_|@acme\.test/);
    });

    it('without `after`, every entry kept; with it, only newer ones; an empty page keeps the cursor', async () => {
      const all = await readFeed(gw.url);
      expect(all.revocations.length).toBeGreaterThanOrEqual(5);
      expect(await newEntries(gw.url, all.cursor, { wait: false })).toEqual([]);
      expect((await readFeed(gw.url, all.cursor)).cursor).toBe(all.cursor);
      await recordRevocations(await getDb(), [{ sid: 'ses_page_1' }, { sid: 'ses_page_2' }]);
      await recordRevocations(await getDb(), [{ sid: 'ses_page_3' }]);
      const next = await readFeed(gw.url, all.cursor);
      expect(next.revocations.map((e) => e.sid)).toEqual(['ses_page_1', 'ses_page_2', 'ses_page_3']);
      expect(await newEntries(gw.url, next.cursor, { wait: false })).toEqual([]);
    });

    it('pages of any size, walked by cursor, give every entry exactly once, in order', async () => {
      const everything = (await readRevocations(START, 10_000)).revocations;
      for (const size of [1, 2, 3]) {
        const seen = [];
        let page = await readRevocations(START, size);
        while (page.revocations.length) {
          expect(page.revocations.length).toBeLessThanOrEqual(size);
          seen.push(...page.revocations);
          page = await readRevocations(parseCursor(page.cursor)!, size);
        }
        expect(seen).toEqual(everything);
      }
    });

    it('keeps entries at least 3,660 s and drops older ones at the next write', async () => {
      const db = await getDb();
      await db.insert(revocations).values([
        { sid: 'ses_old', at: sql`now() - interval '3700 seconds'` },
        { sid: 'ses_kept', at: sql`now() - interval '3600 seconds'` },
      ]);
      let sids = (await readFeed(gw.url)).revocations.map((e) => e.sid);
      expect(sids).toEqual(expect.arrayContaining(['ses_old', 'ses_kept']));
      await recordRevocations(db, [{ sid: 'ses_trigger' }]);
      sids = (await readFeed(gw.url)).revocations.map((e) => e.sid);
      expect(sids).not.toContain('ses_old');
      expect(sids).toEqual(expect.arrayContaining(['ses_kept', 'ses_trigger']));
    });

    if (kind === 'postgres') {
      it('two writers at once: a late commit of an earlier id is neither skipped nor repeated', async () => {
        await expectLateCommitsPaged(
          (sql, name) => sql`insert into revocations (sid) values (${name})`,
          async (cursor) => {
            const page = await readFeed(gw.url, cursor);
            return { names: page.revocations.map((e) => e.sid!), cursor: page.cursor };
          },
        );
      });
    }

    const bad = ['', 'abc', '1', '1_', '_1', '-1_2', '1_-2', '01_2', '1.5_2', '1_2_3', ' 1_2', '1_2 ', '１_２', '9'.repeat(20) + '_1', '1_9223372036854775808', '9'.repeat(5000), "1_2' or 1=1--"];
    for (const after of bad) {
      it(`a malformed or huge \`after\` (${JSON.stringify(after.slice(0, 24))}${after.length > 24 ? '…' : ''}) is a 400 problem`, async () => {
        const res = await fetch(`${gw.url}${FEED}?after=${encodeURIComponent(after)}`);
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(await res.json()).toMatchObject({ code: 'invalid_request', status: ERRORS.invalid_request.status });
      });
    }

    it('`after` twice is a 400 problem; the largest well-formed cursor is an empty page', async () => {
      expect((await fetch(`${gw.url}${FEED}?after=1_1&after=2_2`)).status).toBe(400);
      const max = '9223372036854775807_9223372036854775807';
      expect(await readFeed(gw.url, max)).toEqual({ revocations: [], cursor: max });
    });
  });
}
