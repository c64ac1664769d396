import { describe, expect, it } from 'vitest';
import { restrictionNote, ruleChangeDetail, ruleLabel } from './rule-words';

describe('access rule words', () => {
  it('names each rule, with the list for members', () => {
    expect(ruleLabel('everyone')).toBe('everyone in the org');
    expect(ruleLabel('admins', ['Carol Chen'])).toBe('admins only');
    expect(ruleLabel('members', ['Carol Chen', 'Lena'])).toBe('admins and Carol Chen, Lena');
  });

  it('tells an admin what other members would get from the mint', () => {
    expect(restrictionNote('everyone', 0)).toBeNull();
    expect(restrictionNote('admins', 0)).toBe('This app is restricted to admins: members would get not found.');
    expect(restrictionNote('members', 1)).toBe('This app is restricted to admins and 1 listed member: any other member would get not found.');
    expect(restrictionNote('members', 3)).toContain('3 listed members');
  });

  it('describes a change as before → after', () => {
    expect(ruleChangeDetail({ rule: 'everyone', listed: [] }, { rule: 'members', listed: ['Lena'] })).toBe('Who can open: everyone in the org → admins and Lena');
  });
});
