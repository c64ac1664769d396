import { refusal, type Result } from '../errors';

/** The longest note a requester may add (SPEC §16). */
const REQUEST_NOTE_MAX = 500;

/**
 * A request's note as stored: plain text, control characters other than line breaks and the
 * invisible direction and width marks (which could disguise a note in the inbox) replaced by spaces, trimmed; null when empty. Longer than 500 characters is refused, never clipped unseen.
 */
export function checkRequestNote(raw: unknown): Result<{ note: string | null }> {
  if (raw === undefined || raw === null) return { ok: true, note: null };
  if (typeof raw !== 'string') return refusal('invalid_request', 'A note is plain text.');
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, ' ').trim();
  if (Array.from(clean).length > REQUEST_NOTE_MAX) return refusal('invalid_request', `A note is at most ${REQUEST_NOTE_MAX} characters.`);
  return { ok: true, note: clean === '' ? null : clean };
}
