import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from '@auth/core/jwt';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetEnv } from '@/lib/platform/config/env';
import { readSessionCookie } from './session-cookie';

// The mint's cookie reader: Auth.js finds the sealed token (name, chunks) once per Cookie header; the
// token is opened, its expiry and secret checked, at every read.
const dir = mkdtempSync(path.join(os.tmpdir(), 'agw-session-cookie-'));
const saved = { ...process.env };
const [current, old] = ['c'.repeat(48), 'o'.repeat(48)];
const claims = { sub: 'usr_alice', activeOrgId: 'org_acme', sid: 'ses_AAAAAAAAAAAAAAAAAAAAAAAA' };
const NAME = 'authjs.session-token';
const configure = (vars: Record<string, string>) => {
  resetEnv();
  process.env = { ...saved, DATABASE_URL: '', PGLITE_DIR: path.join(dir, 'pglite'), APP_URL: 'http://localhost:3000', ...vars } as NodeJS.ProcessEnv;
};
const seal = (secret: string, maxAge = 3600, name = NAME) => encode({ token: claims, secret, salt: name, maxAge });
const read = (cookie: string) => readSessionCookie(new Request('http://localhost:3000/v1/app-gateway/x/session', { headers: { cookie } }));

describe('the mint’s session cookie reader', () => {
  beforeEach(() => configure({ AUTH_SECRET: current }));
  afterAll(() => {
    process.env = saved;
    resetEnv();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the cookie Auth.js set, among others, and again from the same header', async () => {
    const header = `theme=dark; ${NAME}=${await seal(current)}; other=1`;
    const expected = { userId: claims.sub, activeOrgId: claims.activeOrgId, sessionId: claims.sid };
    expect(await read(header)).toEqual(expected);
    expect(await read(header)).toEqual(expected);
  });

  it('joins a cookie Auth.js split into chunks (name.0, name.1, …), in their order', async () => {
    const token = await seal(current);
    const half = Math.floor(token.length / 2);
    expect(await read(`${NAME}.1=${token.slice(half)}; ${NAME}.0=${token.slice(0, half)}`)).toMatchObject({ userId: claims.sub });
  });

  it('a header read before still checks the secret and the expiry at every read', async () => {
    configure({ AUTH_SECRET: `${current},${old}` });
    const header = `${NAME}=${await seal(old, 60)}`;
    expect(await read(header)).toMatchObject({ sessionId: claims.sid });
    configure({ AUTH_SECRET: current }); // the old secret is retired
    expect(await read(header)).toBeNull();
    configure({ AUTH_SECRET: `${current},${old}` });
    expect(await read(header)).toMatchObject({ sessionId: claims.sid });
    vi.useFakeTimers({ now: Date.now() + 120_000 }); // past exp and the 15 s tolerance
    expect(await read(header)).toBeNull();
    vi.useRealTimers();
  });

  it('served over https, only the __Secure- cookie counts, whatever the header held before', async () => {
    const plain = `${NAME}=${await seal(current)}`;
    expect(await read(plain)).not.toBeNull();
    configure({ AUTH_SECRET: current, APP_URL: 'https://gateway.example' });
    expect(await read(plain)).toBeNull();
    expect(await read(`__Secure-${NAME}=${await seal(current, 3600, `__Secure-${NAME}`)}`)).toMatchObject({ userId: claims.sub });
  });

  it('no cookie, a forged one, or one without a session id: nobody', async () => {
    expect(await read('theme=dark')).toBeNull();
    expect(await read(`${NAME}=not-a-jwe`)).toBeNull();
    expect(await read(`${NAME}=${await encode({ token: { sub: 'usr_alice' }, secret: current, salt: NAME, maxAge: 60 })}`)).toBeNull();
  });
});
