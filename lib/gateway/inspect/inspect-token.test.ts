import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { duration } from '@/lib/platform/format/duration';
import { inspectToken, type CheckName, type TokenInspection } from './inspect-token';

const ISSUER = 'http://localhost:3000';
const APP = 'run_acme_dashboard';
const NOW = new Date('2026-11-29T23:00:00Z');
const now = Math.floor(NOW.getTime() / 1000);

let jwks: JWK[];
let signingKey: CryptoKey;
let foreignKey: CryptoKey;

beforeAll(async () => {
  const mine = await generateKeyPair('ES256', { extractable: true });
  signingKey = mine.privateKey;
  jwks = [{ ...(await exportJWK(mine.publicKey)), kid: 'kid-1', alg: 'ES256', use: 'sig' }];
  foreignKey = (await generateKeyPair('ES256')).privateKey;
});

type Overrides = { header?: Record<string, unknown>; claims?: Record<string, unknown>; key?: CryptoKey };

function mint({ header = {}, claims = {}, key = signingKey }: Overrides = {}): Promise<string> {
  const payload = { iss: ISSUER, aud: APP, sub: 'usr_alice', org_id: 'org_acme', iat: now - 10, nbf: now - 10, exp: now + 290, jti: 'j1', ...claims };
  return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'kid-1', typ: 'app-session+jwt', ...header } as never).sign(key);
}

const inspect = (token: string, audience: string | null = APP) => inspectToken(token, { jwks, issuer: ISSUER, audience, now: NOW });
const status = (r: TokenInspection) => Object.fromEntries(r.checks.map((c) => [c.name, c.status])) as Record<CheckName, string>;
const reason = (r: TokenInspection, name: CheckName) => r.checks.find((c) => c.name === name)!.reason;

describe('inspectToken', () => {
  it('passes every check of a good token and decodes it', async () => {
    const r = await inspect(await mint());
    expect(status(r)).toEqual({ signature: 'pass', typ: 'pass', iss: 'pass', aud: 'pass', exp: 'pass', nbf: 'pass' });
    expect(r.valid).toBe(true);
    expect(r.problem).toBeNull();
    expect(r.header).toEqual({ alg: 'ES256', kid: 'kid-1', typ: 'app-session+jwt' });
    expect(r.claims).toMatchObject({ sub: 'usr_alice', aud: APP });
    expect(r.exp).toBe(now + 290);
    expect(reason(r, 'signature')).toBe('Verified with ES256 against published key kid-1.');
    expect(reason(r, 'exp')).toBe('Valid for another 4 min 50 s (until 2026-11-29T23:04:50Z).');
  });

  it('fails the signature of altered claims, and still reports the other checks', async () => {
    const [h, , s] = (await mint()).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: APP, sub: 'usr_admin', iat: now, nbf: now, exp: now + 300 })).toString('base64url');
    const r = await inspect(`${h}.${forged}.${s}`);
    expect(status(r)).toMatchObject({ signature: 'fail', typ: 'pass', iss: 'pass', aud: 'pass', exp: 'pass' });
    expect(reason(r, 'signature')).toMatch(/does not match key kid-1/);
    expect(r.valid).toBe(false);
  });

  it('fails a token signed by another key under a published kid', async () => {
    const r = await inspect(await mint({ key: foreignKey }));
    expect(status(r).signature).toBe('fail');
    expect(reason(r, 'signature')).toMatch(/altered, or signed by another key/);
  });

  it('fails an unknown, missing or smuggled key', async () => {
    expect(reason(await inspect(await mint({ header: { kid: 'gone' } })), 'signature')).toMatch(/"gone" is not in the gateway's JWKS/);
    expect(reason(await inspect(await mint({ header: { kid: undefined } })), 'signature')).toBe('The header names no key (kid).');
    expect(reason(await inspect(await mint({ header: { jku: 'https://evil.example/jwks' } })), 'signature')).toMatch(/"jku"/);
  });

  it('fails any algorithm but ES256', async () => {
    const hs = await new SignJWT({ iss: ISSUER }).setProtectedHeader({ alg: 'HS256', kid: 'kid-1', typ: 'app-session+jwt' }).sign(new Uint8Array(32));
    const r = await inspect(hs);
    expect(reason(r, 'signature')).toBe('alg is "HS256"; the gateway only signs with ES256.');
    const none = `${Buffer.from('{"alg":"none","typ":"app-session+jwt"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.`;
    expect(status(await inspect(none)).signature).toBe('fail');
  });

  it('fails a wrong or missing typ', async () => {
    expect(reason(await inspect(await mint({ header: { typ: 'JWT' } })), 'typ')).toBe('typ is "JWT", not "app-session+jwt": this is not an app session token.');
    expect(status(await inspect(await mint({ header: { typ: undefined } }))).typ).toBe('fail');
  });

  it('fails another issuer', async () => {
    const r = await inspect(await mint({ claims: { iss: 'https://evil.example' } }));
    expect(status(r)).toMatchObject({ signature: 'pass', iss: 'fail' });
    expect(reason(r, 'iss')).toBe(`iss is "https://evil.example", not this gateway (${ISSUER}).`);
  });

  it('fails another audience; skips the check when no app id is given', async () => {
    const token = await mint();
    const other = await inspect(token, 'run_other');
    expect(reason(other, 'aud')).toMatch(/issued for another app/);
    expect(other.valid).toBe(false);
    const open = await inspect(token, null);
    expect(status(open).aud).toBe('skip');
    expect(reason(open, 'aud')).toContain(APP);
    expect(open.valid).toBe(true);
    expect(status(await inspect(await mint({ claims: { aud: [APP, 'x'] } })))).toMatchObject({ aud: 'pass' });
  });

  it('fails an expired token, and one not valid yet', async () => {
    const expired = await inspect(await mint({ claims: { exp: now - 125 } }));
    expect(reason(expired, 'exp')).toBe('Expired 2 min 5 s ago (at 2026-11-29T22:57:55Z).');
    expect(expired.valid).toBe(false);
    expect(expired.exp).toBe(now - 125);
    expect(reason(await inspect(await mint({ claims: { exp: now } })), 'exp')).toMatch(/^Expired 0 s ago/);
    expect(status(await inspect(await mint({ claims: { exp: 'tomorrow' } }))).exp).toBe('fail');
    expect(status(await inspect(await mint({ claims: { exp: undefined } }))).exp).toBe('fail');
    expect(reason(await inspect(await mint({ claims: { nbf: now + 60 } })), 'nbf')).toBe('Not valid before 2026-11-29T23:01:00Z.');
  });

  it.each([
    ['', /nothing was given/],
    ['not a token', /not a compact JWT/],
    ['a.b', /not a compact JWT/],
    ['x'.repeat(9000), /longer than any app session token/],
    [`${Buffer.from('[1]').toString('base64url')}.e30.sig`, /header .* not base64url-encoded JSON/],
    [`${Buffer.from('{"alg":"ES256"}').toString('base64url')}.bm90LWpzb24.sig`, /claims .* not base64url-encoded JSON/],
  ])('explains why %j cannot be inspected, and fails every check', async (text, message) => {
    const r = await inspect(text);
    expect(r.problem).toMatch(message);
    expect(r.checks).toHaveLength(6);
    expect(r.checks.every((c) => c.status === 'fail')).toBe(true);
    expect(r.valid).toBe(false);
  });

  it('never repeats the token in a reason', async () => {
    const token = await mint({ claims: { iss: 'x', aud: 'y', exp: now - 1 } });
    const r = await inspect(token);
    for (const c of r.checks) expect(c.reason).not.toContain(token.split('.')[2]!);
  });
});

describe('duration', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [61, '1 min 1 s'],
    [3 * 3600 + 5 * 60, '3 h 5 min'],
    [2 * 86_400 + 4 * 3600, '2 d 4 h'],
    [-5, '0 s'],
  ])('%d s → %s', (s, text) => expect(duration(s)).toBe(text));
});
