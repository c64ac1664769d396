import postgres from 'postgres';
import { expect } from 'vitest';

type Writer = postgres.Sql | postgres.TransactionSql;

/**
 * A table paged by (transaction id, row id) below the snapshot's xmin (the revocation feed, the
 * management API's audit log: committedPage), read by two writers at once — two connections standing
 * for two gateway instances. A takes an id first but commits last, B commits in between; then A
 * takes its transaction id first and writes after B has committed. `write` adds the row named
 * `name` through the connection or transaction given; `read` is a page after the cursor (none: the
 * first page), the names of its rows and its cursor. A late commit of an earlier id is neither
 * skipped nor repeated: the names come in commit order.
 */
export async function expectLateCommitsPaged(write: (sql: Writer, name: string) => Promise<unknown>, read: (cursor?: string) => Promise<{ names: string[]; cursor: string }>) {
  const a = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  const b = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    let { cursor } = await read();
    const seen: string[] = [];
    const poll = async () => {
      const page = await read(cursor);
      cursor = page.cursor;
      seen.push(...page.names);
    };
    // A takes an id first but commits last; B commits in between.
    await a.begin(async (tx) => {
      await write(tx, 'late_first_id');
      await write(b, 'second_id');
      await poll(); // a reader paging by id alone would take second_id here and never see late_first_id
      expect(seen).toEqual([]);
    });
    await poll();
    expect(seen).toEqual(['late_first_id', 'second_id']);
    // A takes its transaction id first and writes after B has committed.
    await a.begin(async (tx) => {
      await tx`select pg_current_xact_id()`;
      await write(b, 'b_commits_first');
      await poll();
      await write(tx, 'a_writes_later');
    });
    await poll();
    await poll();
    expect(seen).toEqual(['late_first_id', 'second_id', 'a_writes_later', 'b_commits_first']);
  } finally {
    await a.end();
    await b.end();
  }
}
