import { z } from 'zod';
import { fieldErrorsOf } from '@/lib/ui/forms/action-state';
import { parseCursor, type FeedCursor } from '../revocations/cursor';

/** The audit log's filters, from the page's query string; times are UTC. */
export type AuditFilters = {
  appId: string | null;
  userId: string | null;
  result: 'minted' | 'denied' | 'changed' | null;
  from: Date | null;
  /** Exclusive: the end of the minute the form named. */
  until: Date | null;
};

const AUDIT_FILTER_FIELDS = ['app', 'user', 'result', 'from', 'to'] as const;
export const NO_FILTERS: AuditFilters = { appId: null, userId: null, result: null, from: null, until: null };

const MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const blank = (v: string) => v.trim() === '';
const id = (what: string) =>
  z.string().trim().max(128, `Choose ${what} from the list.`).regex(/^[A-Za-z0-9_-]*$/, `Choose ${what} from the list.`);

/** A `datetime-local` value read as UTC, or null when it is not a real date and time. */
export function parseUtcMinute(text: string): Date | null {
  const m = MINUTE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s));
  const roundTrips = date.getUTCFullYear() === y && date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d && date.getUTCHours() === h && date.getUTCMinutes() === mi && date.getUTCSeconds() === s;
  return roundTrips && y! >= 2000 && y! <= 9999 ? date : null;
}

const when = z.string().refine((v) => blank(v) || parseUtcMinute(v) !== null, 'Enter a date and time, like 2026-11-29T23:05 (UTC).');

const schema = z
  .object({
    app: id('an app'),
    user: id('a user'),
    result: z.enum(['', 'minted', 'denied', 'changed'], { error: 'Choose minted, denied, changed, or any result.' }),
    from: when,
    to: when,
  })
  .refine((f) => blank(f.from) || blank(f.to) || parseUtcMinute(f.from)! <= parseUtcMinute(f.to)!, {
    path: ['to'],
    message: 'The end must not be before the start.',
  });

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export type ParsedAuditSearch = {
  filters: AuditFilters;
  /** Keyset cursor: show events older than this (transaction id, row id). */
  before: FeedCursor | null;
  values: Record<(typeof AUDIT_FILTER_FIELDS)[number], string>;
  errors: Record<string, string>;
};

/**
 * Reads the audit page's query string. With any bad field, nothing is filtered (the errors say
 * why); a bad cursor just starts from the newest event.
 */
export function parseAuditSearch(params: Record<string, string | string[] | undefined>): ParsedAuditSearch {
  const values = Object.fromEntries(AUDIT_FILTER_FIELDS.map((f) => [f, first(params[f]).slice(0, 200)])) as ParsedAuditSearch['values'];
  const before = parseCursor(first(params.before));
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { filters: NO_FILTERS, before: null, values, errors: fieldErrorsOf(parsed.error) };
  const f = parsed.data;
  const to = blank(f.to) ? null : parseUtcMinute(f.to)!;
  const filters: AuditFilters = {
    appId: f.app || null,
    userId: f.user || null,
    result: f.result || null,
    from: blank(f.from) ? null : parseUtcMinute(f.from),
    until: to && new Date(to.getTime() + (to.getUTCSeconds() ? 1000 : 60_000)),
  };
  return { filters, before, values, errors: {} };
}

/** The query string for the same filters, optionally at another page. */
export function auditSearchString(values: Record<string, string>, before?: string | null): string {
  const q = new URLSearchParams();
  for (const f of AUDIT_FILTER_FIELDS) if (values[f]) q.set(f, values[f]);
  if (before) q.set('before', before);
  const s = q.toString();
  return s ? `?${s}` : '';
}
