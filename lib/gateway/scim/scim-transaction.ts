import { allOrNothing } from '@/db/all-or-nothing';
import type { Transaction } from '@/db/client';
import { refusal, type Refusal, type Result } from '../errors';

/**
 * Runs a SCIM change in one transaction: a refusal it returns undoes everything it wrote (the
 * all-or-nothing of PATCH), and a unique index met by a racing request is `uniqueness`.
 */
export async function inScimTransaction<T extends object>(change: (tx: Transaction) => Promise<Result<T>>): Promise<Result<T>> {
  return allOrNothing(change, (state) => (state === '23505' ? refusal('scim_uniqueness', 'Another request made the same resource at the same moment.') : null));
}

/**
 * A change of one resource: its new state computed whole from the current one (found, locked, in
 * the transaction), then written; `notFound` when the org has no such resource.
 */
export function changeScimResource<Current, State, T extends object>(
  find: (tx: Transaction) => Promise<Current | null>,
  nextState: (current: Current) => { ok: true; state: State } | Refusal,
  write: (tx: Transaction, current: Current, next: State) => Promise<Result<T>>,
  notFound: () => Refusal,
): Promise<Result<T>> {
  return inScimTransaction(async (tx) => {
    const current = await find(tx);
    if (!current) return notFound();
    const next = nextState(current);
    return next.ok ? write(tx, current, next.state) : next;
  });
}
