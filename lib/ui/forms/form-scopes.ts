/** The scopes ticked in a submitted form (checkboxes named `scope`), bounded like any form value. */
export function scopesOf(form: FormData): string[] {
  return form
    .getAll('scope')
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 32)
    .map((v) => v.slice(0, 64));
}
