import { refusal, type Result } from '../errors';

// SCIM list filters (RFC 7644 §3.4.2.2), the one form identity providers send to find a resource
// before creating it: `<attribute> eq "<value>"`. The value is parsed as a JSON string and compared
// as a bound parameter, never spliced into SQL; anything else is `invalidFilter`.

export type Filter = { attribute: string; value: string };

const FILTER = /^\s*([A-Za-z][\w.:-]*)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i;
const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;

/**
 * The filter as one comparison on an attribute of `attributes` (matched case-insensitively, as
 * RFC 7643 §2.1 names attributes; answered in the list's own spelling); null when there is no filter.
 */
export function parseFilter(filter: string | null, attributes: readonly string[]): Result<{ filter: Filter | null }> {
  if (filter === null) return { ok: true, filter: null };
  const match = FILTER.exec(filter);
  const invalid = () => refusal('scim_invalid_filter', `Filters here are one of ${attributes.map((a) => `${a} eq "…"`).join(', ')}.`);
  if (!match) return invalid();
  const name = match[1]!.replace(CORE_PREFIX, '').toLowerCase();
  const attribute = attributes.find((a) => a.toLowerCase() === name);
  if (!attribute) return invalid();
  let value: unknown;
  try {
    value = JSON.parse(match[2]!);
  } catch {
    return invalid();
  }
  return typeof value === 'string' ? { ok: true, filter: { attribute, value } } : invalid();
}
