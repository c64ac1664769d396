import { sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { sessionActor } from '../audit/actor';
import { recordChange } from '../audit/record-change';
import { refusal, type Result } from '../errors';
import { isWellFormedAppId } from '../mint/app-id';
import { newAccessRequestId } from './ids';
import { checkRequestNote } from './request-note';

/** At most this many requests a day per person, whether or not their apps exist (SPEC §16). */
const REQUESTS_PER_DAY = 20;
/** An undecided request expires after this. */
const REQUEST_LIFETIME_DAYS = 30;
/** The one answer to every accepted request: it says nothing about whether the app exists. */
export const REQUEST_ANSWER = 'If this app exists, its admins have been asked.';

export type AccessRequestInput = { userId: string; appId: string; note: unknown; ip?: string | null; userAgent?: string | null };

/**
 * A signed-in person asks to open an app they were refused. The answer is the same whatever
 * happens next: every request counts towards the daily limit (recorded without its app), and only
 * a request for a live app the person has no live grant for is stored, once per person and app
 * while pending (an expired one is asked again), with its audit row in the app's org.
 */
export async function requestAccess(r: AccessRequestInput): Promise<Result<{ answer: string }>> {
  const note = checkRequestNote(r.note);
  if (!note.ok) return note;
  const appId = isWellFormedAppId(r.appId) ? r.appId : null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = rowsOf<{ counted: number; retry_after: number | null; stored_org: string | null; request_id: string | null }>(
      await tx.execute(sql`
        with recent as (
          select count(*)::int as n, min(at) as oldest from access_request_attempts
          where user_id = ${r.userId} and at > now() - interval '1 day'
        ), attempt as (
          insert into access_request_attempts (user_id) select ${r.userId} from recent where n < ${REQUESTS_PER_DAY}
          returning 1
        ), app as (
          select a.id, a.org_id from runs a
          where a.id = ${appId}::text and a.deleted_at is null and exists (select 1 from attempt)
            and not exists (select 1 from app_grants g where g.app_id = a.id and g.user_id = ${r.userId}
              and g.ended_at is null and (g.ends_at is null or g.ends_at > now()))
        ), stored as (
          insert into access_requests (id, app_id, org_id, user_id, note, expires_at)
          select ${newAccessRequestId()}, app.id, app.org_id, ${r.userId}, ${note.note}, now() + make_interval(days => ${REQUEST_LIFETIME_DAYS}) from app
          on conflict (app_id, user_id) where decided_at is null do update
            set note = excluded.note, created_at = now(), expires_at = excluded.expires_at
            where access_requests.expires_at <= now()
          returning id, org_id
        )
        select (select count(*)::int from attempt) as counted,
          (select greatest(1, ceil(extract(epoch from (oldest + interval '1 day' - now()))))::int from recent) as retry_after,
          (select org_id from stored) as stored_org, (select id from stored) as request_id`),
    );
    if (!row || row.counted === 0) {
      return refusal('rate_limited', `At most ${REQUESTS_PER_DAY} access requests a day; try again later.`, { retryAfterSeconds: row?.retry_after ?? 3600 });
    }
    if (row.stored_org && row.request_id && appId) {
      await recordChange(tx, {
        orgId: row.stored_org,
        code: 'access_requested',
        actor: sessionActor(r.userId),
        appId,
        detail: `Access request ${row.request_id}${note.note ? `: “${note.note.slice(0, 200)}”` : ''}`,
        ip: r.ip,
        userAgent: r.userAgent,
      });
    }
    return { ok: true, answer: REQUEST_ANSWER };
  });
}
