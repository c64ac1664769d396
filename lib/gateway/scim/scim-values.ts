import { refusal, type Refusal } from '../errors';

// Reading the values identity providers send: attribute names in any case (RFC 7643 §2.1), with or
// without their schema's URN, and `active` as a boolean or, from Microsoft Entra, "True"/"False".

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** An attribute path in lower case, without the core schema's URN prefix. */
export const attributeKey = (path: string): string => path.trim().replace(/^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i, '').toLowerCase();

/** A refusal thrown from deep inside a parse: caught where the parse began, returned from there. */
export class ScimValueError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}
export const invalidValue = (detail: string): never => {
  throw new ScimValueError(refusal('scim_invalid_value', detail));
};

/** A string, null (absent or null), or an invalidValue refusal; at most 256 characters without control characters. */
export function optionalText(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') return invalidValue(`${name} must be a string.`);
  const text = value.trim();
  // eslint-disable-next-line no-control-regex
  if (text.length > 256 || /[\u0000-\u001f\u007f]/.test(text)) return invalidValue(`${name} must be at most 256 characters, without control characters.`);
  return text === '' ? null : text;
}

/** `active`: true/false, or the strings "True"/"False" in any case (Microsoft Entra sends strings). */
export function activeValue(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return invalidValue('active must be true or false.');
}

/** The object's members by lower-cased name (a client may spell `userName` `username`). */
export function membersByKey(value: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(value).map(([k, v]) => [attributeKey(k), v]));
}

export const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
