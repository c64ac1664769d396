import { describe, expect, it } from 'vitest';
import { parseFilter } from './filter';
import { parsePage } from './paging';

const ATTRS = ['userName', 'displayName', 'externalId'] as const;

describe('SCIM filters', () => {
  it('takes `attribute eq "value"`, the attribute in any case or with its schema, the value as a JSON string', () => {
    expect(parseFilter('userName eq "Ann@Acme.test"', ATTRS)).toEqual({ ok: true, filter: { attribute: 'userName', value: 'Ann@Acme.test' } });
    expect(parseFilter('USERNAME EQ "a"', ATTRS)).toMatchObject({ filter: { attribute: 'userName', value: 'a' } });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "a"', ATTRS)).toMatchObject({ filter: { attribute: 'userName' } });
    expect(parseFilter('displayName eq "Ann \\"the\\" Admin"', ATTRS)).toMatchObject({ filter: { value: 'Ann "the" Admin' } });
    expect(parseFilter(null, ATTRS)).toEqual({ ok: true, filter: null });
  });

  it('refuses everything else as invalidFilter: other operators, and/or, unquoted values, unknown attributes, injection attempts', () => {
    for (const f of [
      'userName sw "a"',
      'userName eq "a" or userName eq "b"',
      'userName eq a',
      'password eq "x"',
      'userName eq "a") or (1=1',
      "userName eq \"a\"' or '1'='1",
      'userName eq "a" and active eq true',
      'emails[type eq "work"].value eq "a"',
      'userName eq "\\x"',
      '',
    ]) expect(parseFilter(f, ATTRS), f).toMatchObject({ ok: false, code: 'scim_invalid_filter' });
  });

  it('pages: startIndex from 1, count from 0 to 200 (more reads as 200)', () => {
    const page = (q: string) => parsePage(new URLSearchParams(q));
    expect(page('')).toEqual({ ok: true, page: { startIndex: 1, count: 200 } });
    expect(page('startIndex=0&count=-5')).toEqual({ ok: true, page: { startIndex: 1, count: 0 } });
    expect(page('startIndex=3&count=1000')).toEqual({ ok: true, page: { startIndex: 3, count: 200 } });
    expect(page('count=ten')).toMatchObject({ ok: false, code: 'scim_invalid_value' });
  });
});
