/**
 * A position in an org's list of apps: the (creation time in microseconds since the epoch, id) of
 * the last app a client has seen. Both never change, so paging by them neither skips nor repeats an
 * app, whatever is added or deleted meanwhile. Opaque to clients (base64url), parsed strictly.
 */
export type AppCursor = { createdUs: bigint; id: string };

const SHAPE = /^(0|[1-9][0-9]{0,17}):([A-Za-z0-9_-]{1,128})$/;

export function formatAppCursor(c: AppCursor): string {
  return Buffer.from(`${c.createdUs}:${c.id}`).toString('base64url');
}

/** The cursor, or null when the text is not one this gateway could have written. */
export function parseAppCursor(text: string): AppCursor | null {
  if (text.length > 200 || !/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const m = SHAPE.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!m) return null;
  const cursor = { createdUs: BigInt(m[1]!), id: m[2]! };
  return formatAppCursor(cursor) === text ? cursor : null;
}
