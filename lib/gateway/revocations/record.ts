import { lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { revocations } from '@/db/schema';

/** Entries are kept at least this long: the longest token life (3600 s) + 60 s of clock tolerance. */
const REVOCATION_RETENTION_SECONDS = 3660;

/** What an entry names; a token is revoked when every named claim equals its own (and its iat ≤ at). */
export type RevocationEntry =
  | { sid: string }
  | { sub: string }
  | { sub: string; orgId: string }
  | { sub: string; aud: string }
  /** A deleted app, or one that lost a credential or allowance: every token for it (and every access token whose client_id it is); or a removed resource's access tokens. */
  | { aud: string };

/** The database, or a transaction of it: entries are written in the same transaction as the change. */
export type Executor = Pick<Database, 'insert' | 'delete'>;

/**
 * Writes feed entries, and drops those past retention (cheap: the `at` index, and rarely more than
 * a few rows at a time). Call it inside the transaction that makes the change it reports.
 */
export async function recordRevocations(exec: Executor, entries: RevocationEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await exec.insert(revocations).values(
    entries.map((e) => ({
      sid: 'sid' in e ? e.sid : null,
      sub: 'sub' in e ? e.sub : null,
      orgId: 'orgId' in e ? e.orgId : null,
      aud: 'aud' in e ? e.aud : null,
    })),
  );
  await exec.delete(revocations).where(lt(revocations.at, sql`now() - make_interval(secs => ${REVOCATION_RETENTION_SECONDS})`));
}

/** An app's access list dropped `sub`: their tokens for that app (`aud`) are revoked. */
export function revokeAppAccess(exec: Executor, sub: string, aud: string): Promise<void> {
  return recordRevocations(exec, [{ sub, aud }]);
}
