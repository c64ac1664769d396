import { type Refusal } from '../errors';
import { activeValue, attributeKey, isObject, membersByKey, optionalText, ScimValueError, invalidValue } from './scim-values';

// A SCIM user as this gateway keeps it, and the two ways a client rewrites it: a whole resource
// (POST, PUT) or PatchOp operations (PATCH). Both compute the whole new state in memory first, so a
// bad operation anywhere changes nothing (all-or-nothing).

export type UserState = {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  displayName: string | null;
  active: boolean;
};

/**
 * Attributes clients send that this gateway does not keep (the account's email is its userName):
 * taken and ignored, so Okta's and Entra's default mappings work; any other attribute is invalidPath.
 */
const IGNORED = new Set([
  'emails', 'phonenumbers', 'addresses', 'title', 'preferredlanguage', 'locale', 'timezone', 'nickname', 'profileurl', 'usertype', 'ims', 'photos',
  'x509certificates', 'entitlements', 'roles', 'schemas', 'id', 'meta', 'groups', 'password',
  'name.formatted', 'name.middlename', 'name.honorificprefix', 'name.honorificsuffix',
]);
const isIgnored = (key: string) =>
  IGNORED.has(key) || /^(emails|phonenumbers|addresses)[[.]/.test(key) || key.startsWith('urn:ietf:params:scim:schemas:extension:');

const noPath = (key: string): never => {
  throw new ScimValueError({ ok: false, code: 'scim_invalid_path', detail: `This gateway keeps no attribute ${key}.` });
};

function userNameOf(value: unknown): string {
  const text = optionalText(value, 'userName');
  return text ?? invalidValue('userName is required: the person’s email.');
}

/** The optional text attributes by lower-cased path: the state's field, and the attribute's name as a refusal spells it. */
const OPTIONAL_TEXT: Record<string, readonly ['externalId' | 'displayName' | 'givenName' | 'familyName', string]> = {
  externalid: ['externalId', 'externalId'],
  displayname: ['displayName', 'displayName'],
  'name.givenname': ['givenName', 'name.givenName'],
  'name.familyname': ['familyName', 'name.familyName'],
};

/** Sets one attribute (lower-cased path) of the state; `undefined` value = remove. */
function setAttribute(state: UserState, key: string, value: unknown): void {
  const text = Object.hasOwn(OPTIONAL_TEXT, key) ? OPTIONAL_TEXT[key] : undefined;
  if (text) {
    state[text[0]] = optionalText(value, text[1]);
    return;
  }
  switch (key) {
    case 'username':
      if (value === undefined) invalidValue('userName cannot be removed.');
      state.userName = userNameOf(value);
      return;
    case 'name':
      if (value === undefined || value === null) {
        state.givenName = null;
        state.familyName = null;
        return;
      }
      if (!isObject(value)) return invalidValue('name must be an object.');
      for (const [k, v] of membersByKey(value)) setAttribute(state, `name.${k}`, v);
      return;
    case 'active':
      if (value === undefined) invalidValue('active cannot be removed.');
      state.active = activeValue(value);
      return;
    default:
      if (!isIgnored(key)) noPath(key);
  }
}

/**
 * A whole user resource (POST, or PUT over `current`): absent optional attributes are cleared by a
 * PUT; `active` absent keeps what it was (true for a new user).
 */
export function userFromResource(body: Record<string, unknown>, current: UserState | null): { ok: true; state: UserState } | Refusal {
  try {
    const members = membersByKey(body);
    const state: UserState = { userName: userNameOf(members.get('username')), externalId: null, givenName: null, familyName: null, displayName: null, active: current?.active ?? true };
    for (const [key, value] of members) if (key !== 'username' && value !== undefined) setAttribute(state, key, value);
    return { ok: true, state };
  } catch (error) {
    if (error instanceof ScimValueError) return error.refusal;
    throw error;
  }
}

export type Operation = { op: 'add' | 'replace' | 'remove'; path: string | null; value: unknown };

/** The PatchOp's operations, checked: op names in any case (Entra sends "Replace"), path optional except for remove. */
export function operationsOf(body: Record<string, unknown>): { ok: true; operations: Operation[] } | Refusal {
  const raw = membersByKey(body).get('operations');
  if (!Array.isArray(raw) || raw.length === 0) return { ok: false, code: 'scim_invalid_syntax', detail: 'A PATCH body is a PatchOp with a non-empty Operations array.' };
  const operations: Operation[] = [];
  for (const [i, entry] of raw.entries()) {
    if (!isObject(entry)) return { ok: false, code: 'scim_invalid_syntax', detail: `Operations[${i}] must be an object.` };
    const m = membersByKey(entry);
    const op = typeof m.get('op') === 'string' ? (m.get('op') as string).toLowerCase() : null;
    if (op !== 'add' && op !== 'replace' && op !== 'remove') return { ok: false, code: 'scim_invalid_syntax', detail: `Operations[${i}].op must be add, replace or remove.` };
    const path = m.get('path');
    if (path !== undefined && path !== null && (typeof path !== 'string' || path.trim() === '')) return { ok: false, code: 'scim_invalid_path', detail: `Operations[${i}].path must be a string.` };
    if (op === 'remove' && typeof path !== 'string') return { ok: false, code: 'scim_no_target', detail: `Operations[${i}]: remove needs a path.` };
    operations.push({ op, path: typeof path === 'string' ? path : null, value: m.get('value') });
  }
  return { ok: true, operations };
}

/** Applies PatchOp operations to a copy of `current`; the first bad one refuses the whole request. */
export function patchUser(current: UserState, body: Record<string, unknown>): { ok: true; state: UserState } | Refusal {
  const ops = operationsOf(body);
  if (!ops.ok) return ops;
  const state = { ...current };
  try {
    for (const { op, path, value } of ops.operations) {
      if (op === 'remove') setAttribute(state, attributeKey(path!), undefined);
      else if (path === null) {
        // No path: the value is an object of attributes to set (RFC 7644 §3.5.2.1, §3.5.2.3).
        if (!isObject(value)) invalidValue(`${op} without a path takes an object of attributes.`);
        for (const [key, v] of membersByKey(value as Record<string, unknown>)) setAttribute(state, key, v);
      } else setAttribute(state, attributeKey(path), value);
    }
    return { ok: true, state };
  } catch (error) {
    if (error instanceof ScimValueError) return error.refusal;
    throw error;
  }
}
