/** A link's life: 60 s to 30 days, 7 days unless asked (SPEC §15). */
export const LINK_EXPIRY_SECONDS = { min: 60, max: 30 * 86400, default: 7 * 86400 } as const;
/** The largest maximum number of people a link may be given. */
const MAX_PEOPLE_LIMIT = 100_000;

export type ShareLinkInput = { expiresInSeconds: number; maxUses: number | null };
export type ShareLinkFieldErrors = Partial<Record<'expiresInSeconds' | 'maxUses', string>>;

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/**
 * A new link's settings, checked: `expiresInSeconds` a whole number 60–2592000 (absent: 7 days),
 * `maxUses` a whole number 1–100000 or absent/null (no limit). Each problem is named by its field.
 */
export function checkShareLinkInput(raw: { expiresInSeconds?: unknown; maxUses?: unknown }): { ok: true; value: ShareLinkInput } | { ok: false; errors: ShareLinkFieldErrors } {
  const errors: ShareLinkFieldErrors = {};
  const expires = raw.expiresInSeconds ?? LINK_EXPIRY_SECONDS.default;
  if (!isWhole(expires) || expires < LINK_EXPIRY_SECONDS.min || expires > LINK_EXPIRY_SECONDS.max) {
    errors.expiresInSeconds = `Expiry must be a whole number of seconds from ${LINK_EXPIRY_SECONDS.min} (a minute) to ${LINK_EXPIRY_SECONDS.max} (30 days).`;
  }
  const maxUses = raw.maxUses ?? null;
  if (maxUses !== null && (!isWhole(maxUses) || maxUses < 1 || maxUses > MAX_PEOPLE_LIMIT)) {
    errors.maxUses = `The maximum number of people must be a whole number from 1 to ${MAX_PEOPLE_LIMIT}, or none.`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { expiresInSeconds: expires as number, maxUses: maxUses as number | null } };
}

/** A whole number written in a form or on a command line ("" → undefined); anything else stays as text for the check to refuse. */
export function wholeNumberField(text: string | undefined | null): number | string | undefined {
  if (text === undefined || text === null || text.trim() === '') return undefined;
  return /^\d{1,10}$/.test(text.trim()) ? Number(text.trim()) : text;
}
