import { getDb, type Transaction } from './client';

class RolledBack<R> extends Error {
  constructor(readonly result: R) {
    super('rolled back');
  }
}

// drizzle wraps the driver's error, whose SQLSTATE is then the cause's code.
const sqlState = (err: unknown): unknown => {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.cause?.code ?? e?.code;
};

/**
 * Runs `change` in one transaction: a refusal it returns (`ok: false`) undoes whatever it wrote
 * before and is the answer. A constraint met on the way (by a racing request) is answered by
 * `constraintMet` from its SQLSTATE, or rethrown when that answers null.
 */
export async function allOrNothing<R extends { readonly ok: boolean }>(change: (tx: Transaction) => Promise<R>, constraintMet: (sqlState: unknown) => R | null): Promise<R> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const result = await change(tx);
      if (!result.ok) throw new RolledBack(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.result as R;
    const answer = constraintMet(sqlState(err));
    if (answer === null) throw err;
    return answer;
  }
}

/**
 * A change written by one statement, atomic by itself (no BEGIN and COMMIT round trips): it returns
 * its refusal having written nothing, and a constraint met on the way (by a racing request) is
 * answered by `constraintMet` as in allOrNothing.
 */
export async function oneStatement<R>(change: () => Promise<R>, constraintMet: (sqlState: unknown) => R | null): Promise<R> {
  try {
    return await change();
  } catch (err) {
    const answer = constraintMet(sqlState(err));
    if (answer === null) throw err;
    return answer;
  }
}
