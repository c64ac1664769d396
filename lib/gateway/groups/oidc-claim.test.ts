import { describe, expect, it } from 'vitest';
import { groupsClaim } from './oidc-claim';

describe('the OIDC groups claim', () => {
  it('is read from the userinfo profile, else from the ID token, under the configured name', () => {
    expect(groupsClaim('groups', { groups: ['eng', 'ops'] }, { groups: ['other'] })).toEqual(['eng', 'ops']);
    expect(groupsClaim('groups', { name: 'Ann' }, { groups: ['eng'] })).toEqual(['eng']);
    expect(groupsClaim('roles', { roles: 'admins' }, null)).toEqual(['admins']);
    expect(groupsClaim('groups', { groups: [] }, null)).toEqual([]);
  });

  it('says nothing (null) when absent, malformed, or replaced by Entra’s overage marker', () => {
    expect(groupsClaim('groups', { name: 'Ann' }, {})).toBeNull();
    expect(groupsClaim('groups', undefined, undefined)).toBeNull();
    expect(groupsClaim('groups', { groups: [1, 2] }, null)).toBeNull();
    expect(groupsClaim('groups', { groups: { eng: true } }, null)).toBeNull();
    const overage = { _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/…' } } };
    expect(groupsClaim('groups', { name: 'Ann' }, overage)).toBeNull();
    expect(groupsClaim('groups', { groups: ['eng'] }, overage)).toBeNull();
  });
});
