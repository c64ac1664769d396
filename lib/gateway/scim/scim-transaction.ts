import { getDb, type Transaction } from '@/db/client';
import { refusal, type Refusal, type Result } from '../errors';

class RolledBack extends Error {
  constructor(readonly refusal: Refusal) {
    super('rolled back');
  }
}

const sqlState = (err: unknown): unknown => {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  return e?.cause?.code ?? e?.code;
};

/**
 * Runs a SCIM change in one transaction: a refusal it returns undoes everything it wrote (the
 * all-or-nothing of PATCH), and a unique index met by a racing request is `uniqueness`.
 */
export async function inScimTransaction<T extends object>(change: (tx: Transaction) => Promise<Result<T>>): Promise<Result<T>> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const result = await change(tx);
      if (!result.ok) throw new RolledBack(result);
      return result;
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.refusal;
    if (sqlState(err) === '23505') return refusal('scim_uniqueness', 'Another request made the same resource at the same moment.');
    throw err;
  }
}
