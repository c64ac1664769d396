import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { logged } from '@/e2e/integration/harness/logged';
import { resetEnv } from './config/env';
import { log } from './log';
import { SECRET_FIELD_NAMES } from './log-redaction';

const saved = { ...process.env };
const configure = (LOG_LEVEL: string) => {
  resetEnv();
  Object.assign(process.env, { DATABASE_URL: 'postgres://gateway@127.0.0.1:1/unused', AUTH_SECRET: 'a'.repeat(48), APP_TOKEN_KEY_SECRET: 'b'.repeat(48), LOG_LEVEL });
};
beforeEach(() => configure('debug'));
afterAll(() => {
  process.env = saved;
  resetEnv();
});

const b64 = (bytes: number) => randomBytes(bytes).toString('base64url');
const jws = `eyJhbGciOiJFUzI1NiIsImtpZCI6ImsiLCJ0eXAiOiJhcHAtc2Vzc2lvbitqd3QifQ.eyJzdWIiOiJ1c3JfYWxpY2UifQ.${b64(64)}`;
const jwe = `eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIiwia2lkIjoiayJ9..${b64(16)}.${b64(96)}.${b64(32)}`;

/** Every credential the gateway issues or reads, and personal data, as it would appear in a string. */
const shapes: Record<string, { value: string; secret: string }> = {
  'app session token (JWS)': { value: jws, secret: jws.split('.')[2]! },
  'session cookie (JWE)': { value: jwe, secret: jwe.split('.')[3]! },
  'session cookie header': { value: `authjs.session-token=${jwe}; theme=dark`, secret: jwe.split('.')[3]! },
  'chunked secure session cookie': { value: `__Secure-authjs.session-token.0=${b64(40)}`, secret: '' },
  'bearer API token': { value: `Bearer agw_${b64(32)}`, secret: '' },
  'API token': { value: `agw_${b64(32)}`, secret: '' },
  'service-account token': { value: `agw_sa_${b64(32)}`, secret: '' },
  'exchange client secret': { value: `agw_cs_${b64(32)}`, secret: '' },
  'HTTP Basic client credentials': { value: `Basic ${Buffer.from(`run_acme_dashboard:agw_cs_${b64(32)}`).toString('base64')}`, secret: '' },
  "the artifact proxy's look-up token": { value: `agwp_${b64(32)}`, secret: '' },
  'webhook signing secret': { value: `whsec_${randomBytes(32).toString('base64')}`, secret: '' },
  'sealed secret at rest': { value: `v1.${b64(12)}.${b64(80)}.${b64(16)}`, secret: '' },
  'password hash': { value: `scrypt$32768$8$1$${b64(16)}$${b64(32)}`, secret: '' },
  'share link': { value: `https://gateway.example/s/${b64(32)}`, secret: '' },
  'guest cookie': { value: `agw_guest.run_acme_dashboard=${b64(32)}`, secret: '' },
  "the artifact proxy's cookie": { value: `app_gateway_proxy_session=${jws}~${b64(32)}`, secret: '' },
  'database URL with a password': { value: 'postgres://gateway:hunter2-is-the-password@db.internal:5432/gateway', secret: 'hunter2-is-the-password' },
  email: { value: 'alice@acme.test', secret: 'alice@acme.test' },
  'email with an apostrophe, a plus and subdomains': { value: "zoe.o'brien+gw@mail.example.co.uk", secret: "o'brien" },
};
for (const s of Object.values(shapes)) s.secret ||= s.value.slice(-30);

const lineOf = async (event: string, fields: Parameters<typeof log.info>[1]) => {
  const lines = await logged(async () => log.warn(event, fields));
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

describe('the log (pino)', () => {
  it('writes one JSON line per event: level by name, ISO time, event, the fields', async () => {
    const line = await lineOf('request', { requestId: 'f4c0', status: 200, durationMs: 1.5, userId: 'usr_alice', ok: true, none: null });
    expect(line).toEqual({ level: 'warn', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), event: 'request', requestId: 'f4c0', status: 200, durationMs: 1.5, userId: 'usr_alice', ok: true, none: null });
  });

  it('keeps LOG_LEVEL, read again with the configuration', async () => {
    configure('warn');
    expect(await logged(async () => (log.info('quiet', {}), log.debug('quieter', {})))).toEqual([]);
    expect((await logged(async () => log.error('loud', {}))).map((l) => l.event)).toEqual(['loud']);
    configure('silent');
    expect(await logged(async () => log.error('loud', {}))).toEqual([]);
    configure('debug');
    expect((await logged(async () => log.debug('chatty', {}))).map((l) => l.event)).toEqual(['chatty']);
  });

  it('censors every field named like a secret, at the top of a line and nested in objects and arrays', async () => {
    for (const name of SECRET_FIELD_NAMES) {
      const v = () => `v-${b64(12)}`;
      const values = [v(), v(), v(), v(), v()];
      const line = await lineOf('named', {
        [name]: values[0],
        outer: { [name]: values[1], inner: { [name]: values[2] } },
        list: [{ [name]: values[3] }],
        grid: [[{ [name]: values[4] }]],
      });
      const text = JSON.stringify(line);
      for (const value of values) expect(text, `${name}: ${text}`).not.toContain(value);
      expect(line).toMatchObject({
        [name]: '[redacted]',
        outer: { [name]: '[redacted]', inner: { [name]: '[redacted]' } },
        list: [{ [name]: '[redacted]' }],
        grid: [[{ [name]: '[redacted]' }]],
      });
      // An object or a list under a secret's name goes whole.
      expect(await lineOf('named', { [name]: { nested: values[0] } })).toMatchObject({ [name]: '[redacted]' });
    }
  });

  it.each(Object.entries(shapes))('cuts %s out of any string, however deep, under any name', async (_, { value, secret }) => {
    const line = await lineOf('shaped', {
      detail: value,
      message: `could not reach it with ${value} (retrying)`,
      outer: { why: [`sent ${value}`], inner: { note: value } },
    });
    const text = JSON.stringify(line);
    expect(text).not.toContain(secret);
    const outer = line.outer as { why: string[]; inner: { note: string } };
    for (const cut of [line.detail, line.message, outer.why[0], outer.inner.note]) expect(cut).toContain('[redacted]');
    expect(line.message).toMatch(/^could not reach it with .*\[redacted\].* \(retrying\)$/);
  });

  it('leaves what operators need: ids, key ids, routes, URLs without credentials, codes, a token’s display prefix', async () => {
    const fields = {
      requestId: '6c64b0f8-b22e-47a5-aff4-3247a2f042cc',
      route: '/v1/app-gateway/{appId}/session',
      kid: 'pMGWojQCGV_6SgFblG_N4VsOKZY0Oj2KcriG80L1Acs',
      shareId: `shr_${b64(18)}`,
      sessionId: `ses_${b64(18)}`,
      url: 'http://localhost:3000',
      file: '/srv/gateway/.next/app-gateway-webhooks.mjs',
      database: 'embedded (/var/lib/gateway/pglite)',
      displayPrefix: 'agw_AbCdEf',
      code: 'rate_limited',
      emailDomain: 'acme.test',
      message: 'APP_URL http://localhost:3999 names port 3999 but the server listens on PORT 36081',
      waitingOn: 'TCPServerWrap Timeout',
    };
    expect(await lineOf('kept', fields)).toMatchObject(fields);
  });

  it('carries nothing nested deeper than four levels', async () => {
    expect(await lineOf('deep', { a: { b: { c: { d: { e: 'too far' } } } } })).toMatchObject({ a: { b: { c: { d: '[too deep]' } } } });
  });
});
