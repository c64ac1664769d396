import { validationFailed, type Result } from '../errors';

/** How long an approval may last: from a minute to a year, or until taken away (null). */
const GRANT_SECONDS_MIN = 60;
const GRANT_SECONDS_MAX = 365 * 86400;

/** The console's choices (SPEC §16 via issue #28): 1 hour, 1 day, 7 days, until taken away. */
export const GRANT_CHOICES = [
  { value: '3600', label: '1 hour', seconds: 3600 },
  { value: '86400', label: '1 day', seconds: 86400 },
  { value: '604800', label: '7 days', seconds: 604800 },
  { value: 'forever', label: 'Until taken away', seconds: null },
] as const;

/** `duration_seconds`: a whole number of seconds in range, or null for until taken away. */
export function checkGrantDuration(raw: unknown): Result<{ seconds: number | null }> {
  if (raw === null) return { ok: true, seconds: null };
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < GRANT_SECONDS_MIN || raw > GRANT_SECONDS_MAX) {
    return validationFailed([{ pointer: '#/duration_seconds', detail: `A whole number of seconds from ${GRANT_SECONDS_MIN} to ${GRANT_SECONDS_MAX}, or null for until taken away.` }]);
  }
  return { ok: true, seconds: raw };
}

/** A grant's end in words for the audit log and the console. */
export const grantEndWords = (endsAt: Date | null) => (endsAt ? `until ${endsAt.toISOString()}` : 'until taken away');
