/**
 * A feed position: the (transaction id, row id) of the last entry a reader has seen, written
 * `<txId>_<id>` in decimal. Opaque to readers; parsed strictly, since it comes from a query string.
 */
export type FeedCursor = { txId: bigint; id: bigint };

const MAX_INT8 = 2n ** 63n - 1n;
const SHAPE = /^(0|[1-9][0-9]{0,18})_(0|[1-9][0-9]{0,18})$/;

export const START: FeedCursor = { txId: 0n, id: 0n };

export function formatCursor(c: FeedCursor): string {
  return `${c.txId}_${c.id}`;
}

/** The cursor, or null when the text is not one this gateway could have written. */
export function parseCursor(text: string): FeedCursor | null {
  if (text.length > 40) return null;
  const m = SHAPE.exec(text);
  if (!m) return null;
  const txId = BigInt(m[1]!);
  const id = BigInt(m[2]!);
  return txId <= MAX_INT8 && id <= MAX_INT8 ? { txId, id } : null;
}
