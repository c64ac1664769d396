import { allOrNothing } from '@/db/all-or-nothing';
import type { Transaction } from '@/db/client';
import { refusal, type Result } from '../errors';

/**
 * Runs a SCIM change in one transaction: a refusal it returns undoes everything it wrote (the
 * all-or-nothing of PATCH), and a unique index met by a racing request is `uniqueness`.
 */
export async function inScimTransaction<T extends object>(change: (tx: Transaction) => Promise<Result<T>>): Promise<Result<T>> {
  return allOrNothing(change, (state) => (state === '23505' ? refusal('scim_uniqueness', 'Another request made the same resource at the same moment.') : null));
}
