import { z } from 'zod';

export const TOKEN_FIELDS = ['name', 'orgId', 'expiresInDays'] as const;
const MAX_TOKEN_DAYS = 365;

/** The "new API token" form; the org must also be one of the user's, which the caller checks. */
export const ApiTokenInput = z.object({
  name: z.string().trim().max(100, 'Keep the name under 100 characters.'),
  orgId: z.string().min(1, 'Choose an organization.').max(128, 'Choose an organization from the list.'),
  expiresInDays: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d{1,3}$/.test(v) && Number(v) >= 1 && Number(v) <= MAX_TOKEN_DAYS), {
      message: `Enter a whole number of days from 1 to ${MAX_TOKEN_DAYS}, or leave it empty for a token that does not expire.`,
    })
    .transform((v) => (v === '' ? null : Number(v))),
});
