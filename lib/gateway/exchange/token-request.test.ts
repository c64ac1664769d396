import { describe, expect, it } from 'vitest';
import { parseTokenRequest } from './token-request';

const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const valid = { grant_type: GRANT, subject_token: 'a.b.c', subject_token_type: JWT, audience: 'platform-api', scope: 'runs:read runs:read runs:write' };
const parse = (fields: Record<string, string | string[] | undefined>) => {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of v === undefined ? [] : Array.isArray(v) ? v : [v]) form.append(k, x);
  return parseTokenRequest(form, 'run_a');
};

describe('parseTokenRequest (RFC 8693 §2.1)', () => {
  it('takes one audience and space-separated scopes, each once', () => {
    expect(parse(valid)).toEqual({ ok: true, request: { subjectToken: 'a.b.c', resource: 'platform-api', scopes: ['runs:read', 'runs:write'] } });
    expect(parse({ ...valid, client_id: 'run_a', requested_token_type: 'urn:ietf:params:oauth:token-type:access_token', resource: '' }).ok).toBe(true);
  });

  it('names the RFC error of each malformed request', () => {
    const cases: Array<[Record<string, string | string[] | undefined>, string]> = [
      [{ ...valid, grant_type: undefined }, 'token_invalid_request'],
      [{ ...valid, grant_type: 'client_credentials' }, 'unsupported_grant_type'],
      [{ ...valid, grant_type: [GRANT, GRANT] }, 'token_invalid_request'],
      [{ ...valid, subject_token: '' }, 'token_invalid_request'],
      [{ ...valid, subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' }, 'token_invalid_request'],
      [{ ...valid, actor_token: 'x' }, 'token_invalid_request'],
      [{ ...valid, client_secret: 'x' }, 'token_invalid_request'],
      [{ ...valid, client_id: 'run_b' }, 'token_invalid_request'],
      [{ ...valid, audience: undefined }, 'token_invalid_request'],
      [{ ...valid, audience: ['a', 'b'] }, 'invalid_target'],
      [{ ...valid, audience: 'has space' }, 'invalid_target'],
      [{ ...valid, resource: 'https://api.example' }, 'invalid_target'],
      [{ ...valid, scope: undefined }, 'invalid_scope'],
      [{ ...valid, scope: 'a  b' }, 'invalid_scope'],
      [{ ...valid, scope: 'a"b' }, 'invalid_scope'],
    ];
    for (const [fields, code] of cases) expect(parse(fields), JSON.stringify(fields)).toMatchObject({ ok: false, code });
  });
});
