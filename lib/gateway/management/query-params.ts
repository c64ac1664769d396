import { refusal, type Result } from '../errors';

/** A page's query: `limit` (a whole number from 1 to `max`, `fallback` when absent) and the cursor parameter, each at most once. */
export function pageQuery(query: URLSearchParams, cursorName: string, fallback: number, max: number): Result<{ limit: number; cursor: string | null }> {
  for (const name of ['limit', cursorName]) if (query.getAll(name).length > 1) return refusal('invalid_request', `Send \`${name}\` at most once.`);
  const text = query.get('limit');
  const limit = text === null ? fallback : /^[1-9][0-9]{0,5}$/.test(text) ? Number(text) : NaN;
  if (!(limit >= 1 && limit <= max)) return refusal('invalid_request', `\`limit\` must be a whole number from 1 to ${max}.`);
  return { ok: true, limit, cursor: query.get(cursorName) };
}
