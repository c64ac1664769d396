import { describe, expect, it } from 'vitest';
import { groupFromResource, patchGroup, type GroupState } from './group-state';
import { patchUser, userFromResource, type UserState } from './user-state';

const ann: UserState = { userName: 'ann@acme.test', externalId: null, givenName: 'Ann', familyName: 'Lee', displayName: null, active: true };
const patch = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

describe('a SCIM user’s new state', () => {
  it('PATCH: op names in any case, a path or a value object, active as a boolean or "True"/"False"', () => {
    expect(patchUser(ann, patch({ op: 'Replace', value: { active: 'False' } }))).toEqual({ ok: true, state: { ...ann, active: false } });
    expect(patchUser(ann, patch({ op: 'replace', path: 'active', value: false }))).toMatchObject({ state: { active: false } });
    expect(patchUser({ ...ann, active: false }, patch({ op: 'REPLACE', path: 'active', value: 'true' }))).toMatchObject({ state: { active: true } });
    expect(patchUser(ann, patch({ op: 'add', path: 'name.givenName', value: 'Anne' }, { op: 'remove', path: 'name.familyName' }))).toMatchObject({ state: { givenName: 'Anne', familyName: null } });
    expect(patchUser(ann, patch({ op: 'replace', value: { 'name.familyName': 'Li', displayName: 'A. Li' } }))).toMatchObject({ state: { familyName: 'Li', displayName: 'A. Li' } });
    expect(patchUser(ann, patch({ op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:userName', value: 'ANN@acme.test' }))).toMatchObject({ state: { userName: 'ANN@acme.test' } });
  });

  it('PATCH refuses the whole request at its first bad operation, naming what is wrong', () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'scim_invalid_syntax'],
      [{ Operations: [] }, 'scim_invalid_syntax'],
      [patch({ op: 'move', path: 'active', value: true }), 'scim_invalid_syntax'],
      [patch({ op: 'replace', path: 'active', value: 'yes' }), 'scim_invalid_value'],
      [patch({ op: 'remove' }), 'scim_no_target'],
      [patch({ op: 'remove', path: 'userName' }), 'scim_invalid_value'],
      [patch({ op: 'replace', path: 'shoeSize', value: 44 }), 'scim_invalid_path'],
      [patch({ op: 'replace', value: 'not an object' }), 'scim_invalid_value'],
      [patch({ op: 'replace', path: 'displayName', value: 'x'.repeat(257) }), 'scim_invalid_value'],
      [patch({ op: 'replace', path: 'displayName', value: 'a\u0000b' }), 'scim_invalid_value'],
    ];
    for (const [body, code] of cases) expect(patchUser(ann, body as Record<string, unknown>), JSON.stringify(body)).toMatchObject({ ok: false, code });
  });

  it('a whole resource: userName required; attributes kept nowhere (emails, the enterprise extension) ignored; PUT keeps active when absent', () => {
    expect(userFromResource({ emails: [] }, null)).toMatchObject({ ok: false, code: 'scim_invalid_value' });
    const body = { UserName: 'bo@acme.test', emails: [{ value: 'x' }], 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'x' }, password: 'p' };
    expect(userFromResource(body, null)).toEqual({ ok: true, state: { userName: 'bo@acme.test', externalId: null, givenName: null, familyName: null, displayName: null, active: true } });
    expect(userFromResource({ userName: 'ann@acme.test' }, { ...ann, active: false })).toMatchObject({ state: { active: false, givenName: null } });
  });
});

describe('a SCIM group’s new state', () => {
  const ops: GroupState = { displayName: 'Ops', externalId: null, members: ['scu_a', 'scu_b'] };

  it('members added, removed by value filter or value list, replaced; names replaced with or without a path', () => {
    expect(patchGroup(ops, patch({ op: 'Add', path: 'members', value: [{ value: 'scu_c' }, { value: 'scu_a' }] }))).toMatchObject({ state: { members: ['scu_a', 'scu_b', 'scu_c'] } });
    expect(patchGroup(ops, patch({ op: 'Remove', path: 'members[value eq "scu_a"]' }))).toMatchObject({ state: { members: ['scu_b'] } });
    expect(patchGroup(ops, patch({ op: 'remove', path: 'members', value: [{ value: 'scu_b' }] }))).toMatchObject({ state: { members: ['scu_a'] } });
    expect(patchGroup(ops, patch({ op: 'remove', path: 'members' }))).toMatchObject({ state: { members: [] } });
    expect(patchGroup(ops, patch({ op: 'replace', path: 'members', value: [{ value: 'scu_z' }] }))).toMatchObject({ state: { members: ['scu_z'] } });
    expect(patchGroup(ops, patch({ op: 'replace', value: { id: 'grp_x', displayName: 'Operations' } }))).toMatchObject({ state: { displayName: 'Operations' } });
  });

  it('refuses bad operations and bad members as a whole', () => {
    expect(patchGroup(ops, patch({ op: 'add', path: 'members', value: [{ display: 'no value' }] }))).toMatchObject({ ok: false, code: 'scim_invalid_value' });
    expect(patchGroup(ops, patch({ op: 'replace', path: 'members[value eq "scu_a"].display', value: 'x' }))).toMatchObject({ ok: false, code: 'scim_invalid_path' });
    expect(patchGroup(ops, patch({ op: 'remove', path: 'displayName' }))).toMatchObject({ ok: false, code: 'scim_invalid_value' });
    expect(groupFromResource({ members: [] })).toMatchObject({ ok: false, code: 'scim_invalid_value' });
  });
});
