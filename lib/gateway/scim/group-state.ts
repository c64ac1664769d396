import { refusal, type Refusal } from '../errors';
import { attributeKey, invalidValue, isObject, membersByKey, optionalText, ScimValueError } from './scim-values';
import { operationsOf } from './user-state';

// A SCIM group as its client rewrites it: a whole resource (POST, PUT) or PatchOp operations
// (PATCH: `members` add / remove / replace, `members[value eq "…"]` removals, `displayName` and
// `externalId` replaced). The new state is computed whole before anything is written.

export type GroupState = { displayName: string; externalId: string | null; members: string[] };

/** Attributes clients send that a group keeps nowhere (`id` and `meta` are the server's). */
const IGNORED = new Set(['schemas', 'id', 'meta']);
const MEMBER_FILTER = /^members\[\s*value\s+eq\s+("(?:[^"\\]|\\.)*")\s*\]$/i;

const noPath = (key: string): never => {
  throw new ScimValueError(refusal('scim_invalid_path', `A group has no attribute ${key} that can be changed.`));
};

function displayNameOf(value: unknown): string {
  return optionalText(value, 'displayName') ?? invalidValue('displayName is required.');
}

/** `members` as SCIM user ids: `[{ "value": "scu_…" }, …]`. */
function memberIds(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((m) => {
    const v = isObject(m) ? membersByKey(m).get('value') : undefined;
    return typeof v === 'string' && v ? v : invalidValue('Each member is an object with the member’s SCIM user id as its value.');
  });
}

function setAttribute(state: GroupState, key: string, value: unknown, how: 'add' | 'replace'): void {
  switch (key) {
    case 'displayname':
      state.displayName = displayNameOf(value);
      return;
    case 'externalid':
      state.externalId = optionalText(value, 'externalId');
      return;
    case 'members': {
      const ids = memberIds(value);
      state.members = how === 'replace' ? [...new Set(ids)] : [...new Set([...state.members, ...ids])];
      return;
    }
    default:
      if (!IGNORED.has(key)) noPath(key);
  }
}

function attempt<T>(run: () => T): { ok: true; state: T } | Refusal {
  try {
    return { ok: true, state: run() };
  } catch (error) {
    if (error instanceof ScimValueError) return error.refusal;
    throw error;
  }
}

/** A whole group resource (POST, or PUT over the current one): absent externalId and members are cleared. */
export function groupFromResource(body: Record<string, unknown>): { ok: true; state: GroupState } | Refusal {
  return attempt(() => {
    const members = membersByKey(body);
    const state: GroupState = { displayName: displayNameOf(members.get('displayname')), externalId: null, members: [] };
    for (const [key, value] of members) if (key !== 'displayname' && value !== undefined) setAttribute(state, key, value, 'replace');
    return state;
  });
}

/** Applies PatchOp operations to a copy of `current`; the first bad one refuses the whole request. */
export function patchGroup(current: GroupState, body: Record<string, unknown>): { ok: true; state: GroupState } | Refusal {
  const ops = operationsOf(body);
  if (!ops.ok) return ops;
  return attempt(() => {
    const state: GroupState = { ...current, members: [...current.members] };
    for (const { op, path, value } of ops.operations) {
      if (op === 'remove') {
        const filtered = MEMBER_FILTER.exec(path!.trim());
        // A member already gone is no error: clients resend removals they are unsure of.
        if (filtered) {
          const gone = JSON.parse(filtered[1]!) as string;
          state.members = state.members.filter((m) => m !== gone);
        } else if (attributeKey(path!) === 'members') {
          const gone = value === undefined ? state.members : memberIds(value);
          state.members = state.members.filter((m) => !gone.includes(m));
        } else if (attributeKey(path!) === 'externalid') state.externalId = null;
        else if (attributeKey(path!) === 'displayname') invalidValue('displayName cannot be removed.');
        else noPath(path!);
      } else if (path === null) {
        if (!isObject(value)) invalidValue(`${op} without a path takes an object of attributes.`);
        for (const [key, v] of membersByKey(value as Record<string, unknown>)) setAttribute(state, key, v, op);
      } else if (MEMBER_FILTER.test(path.trim())) {
        noPath(path);
      } else setAttribute(state, attributeKey(path), value, op);
    }
    return state;
  });
}
