import { describe, expect, it } from 'vitest';
import { parseBasicCredentials } from './client-authentication';

const basic = (raw: string | Buffer) => `Basic ${Buffer.from(raw).toString('base64')}`;

describe('parseBasicCredentials (RFC 6749 §2.3.1)', () => {
  it('decodes each part as form-urlencoded after splitting at the first colon', () => {
    expect(parseBasicCredentials(basic('run_a:agw_cs_x'))).toEqual({ clientId: 'run_a', secret: 'agw_cs_x' });
    expect(parseBasicCredentials(basic('run%5Fa:agw%5Fcs%5Fx%3Ay'))).toEqual({ clientId: 'run_a', secret: 'agw_cs_x:y' });
    expect(parseBasicCredentials(basic('a+b:c%2Bd'))).toEqual({ clientId: 'a b', secret: 'c+d' });
    expect(parseBasicCredentials(`basic ${Buffer.from('a:b').toString('base64')}`)).toEqual({ clientId: 'a', secret: 'b' });
  });

  it('is null for anything else: no header, another scheme, no colon, an empty part, bad base64, bad escapes, non-UTF-8', () => {
    for (const header of [null, '', 'Bearer abc', 'Basic', 'Basic !!!', basic('nocolon'), basic(':secret'), basic('id:'), 'Basic YWI6Y2Q=x', basic('a:%zz'), basic('%E0%A4%A:b'), basic(Buffer.from([0x61, 0x3a, 0xff]))]) {
      expect(parseBasicCredentials(header), String(header)).toBeNull();
    }
  });
});
