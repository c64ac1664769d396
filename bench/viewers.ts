import { createHash, randomBytes } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import type { Scale } from './seed-scale';

export type Viewer = { userId: string; orgId: string; apiToken: string; cookie: string; apps: string[] };

/**
 * Bench viewers: users with an API token each, and a session (its row, and a cookie naming it sealed
 * with the server's AUTH_SECRET: exactly what sign-in would set), each rotating over apps of their org so the
 * per-viewer rate limit is not what is measured.
 */
export async function makeViewers(s: Scale, count: number, authSecret: string): Promise<{ viewers: Viewer[]; sql: string[] }> {
  const viewers: Viewer[] = [];
  const sql: string[] = [];
  // Enough apps per viewer that no (viewer, app) pair reaches the rate limit even at the reference's speed.
  const appsPerViewer = Math.min(100, Math.floor(s.apps / s.orgs));
  for (let i = 0; i < Math.min(count, s.users); i++) {
    const userId = `usr_b_${i}`;
    const org = i % s.orgs;
    const apiToken = `agw_${randomBytes(32).toString('base64url')}`;
    const hash = createHash('sha256').update(apiToken).digest('hex');
    sql.push(`insert into api_tokens (id, user_id, org_id, token_hash, prefix) values ('tok_b_${i}', '${userId}', 'org_b_${org}', '${hash}', '${apiToken.slice(0, 10)}') on conflict do nothing`);
    const sid = `ses_b_${i}`;
    sql.push(`insert into sessions (id, user_id, expires_at, user_agent) values ('${sid}', '${userId}', now() + interval '8 hours', 'bench') on conflict do nothing`);
    const sealed = await encode({ token: { sub: userId, activeOrgId: `org_b_${org}`, sid }, secret: authSecret, salt: 'authjs.session-token', maxAge: 3600 });
    // Apps of org o are run_b_{o + m·orgs}.
    const appsPerOrg = Math.floor(s.apps / s.orgs);
    const apps = Array.from({ length: appsPerViewer }, (_, k) => `run_b_${org + ((Math.floor(i / s.orgs) * appsPerViewer + k) % appsPerOrg) * s.orgs}`);
    viewers.push({ userId, orgId: `org_b_${org}`, apiToken, cookie: `authjs.session-token=${sealed}`, apps });
  }
  return { viewers, sql };
}
