/** The longest `name` claim of a guest token (SPEC §15), the " (guest)" mark included. */
const GUEST_NAME_MAX = 64;
const MARK = ' (guest)';
/** The longest name a guest may give; the mark is added to it. */
export const GUEST_GIVEN_NAME_MAX = GUEST_NAME_MAX - MARK.length;

/** A display name as a guest gave it: control characters out, spaces collapsed, clipped; null when nothing is left. */
export function cleanGuestName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean === '' ? null : Array.from(clean).slice(0, GUEST_GIVEN_NAME_MAX).join('').trim();
}

/** The `name` of a guest token: "<name> (guest)", or "Guest" when no name was given. */
export function guestTokenName(name: string | null): string {
  const clean = cleanGuestName(name);
  return clean === null ? 'Guest' : `${clean}${MARK}`;
}
