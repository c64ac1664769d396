// npx tsx bench/session-decode.ts [-- --ms=400 --rounds=7]: decoding one real session cookie (sealed by
// Auth.js's own `encode`, salt = the cookie name), per candidate: µs of wall time per decode one at a
// time, and µs of this process's CPU per decode (the libuv threads WebCrypto runs on included) with 8
// decodes in flight. Medians of the rounds; candidates alternate within each round, so a busy machine
// slows them alike. `old cookie` rows: secrets [new, old], the cookie sealed under old. (The mint's
// hand-rolled decoder this replaced, lib/auth/sessions/session-jwe.ts, is in bench/results.md's rows.)
import { hkdfSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { decode as authjsDecode, encode } from '@auth/core/jwt';
import { base64url, calculateJwkThumbprint, jwtDecrypt } from 'jose';
import { decodeSessionToken } from '@/lib/auth/sessions/session-decoder';
import { closedLoop } from './closed-loop';
import { median } from './stats';

const { values } = parseArgs({ options: { ms: { type: 'string', default: '400' }, rounds: { type: 'string', default: '7' } }, strict: true });
const MS = Number(values.ms);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = 8;

const salt = 'authjs.session-token';
const current = 'bench-auth-secret-'.padEnd(48, 'a');
const old = 'bench-old-secret-'.padEnd(48, 'o');
const claims = { name: 'Alice Example', email: 'alice@acme.test', sub: 'usr_alice', activeOrgId: 'org_acme', sid: 'ses_AAAAAAAAAAAAAAAAAAAAAAAA' };
const cookie = await encode({ token: claims, secret: current, salt, maxAge: 28800 });
const oldCookie = await encode({ token: claims, secret: old, salt, maxAge: 28800 });

/** jose's jwtDecrypt with the keys Auth.js would derive, derived once: the kid picks the secret. */
async function derivedKeys(secrets: string[]) {
  return Promise.all(
    secrets.map(async (secret) => {
      const key = new Uint8Array(hkdfSync('sha256', secret, salt, `Auth.js Generated Encryption Key (${salt})`, 64));
      return { key, kid: await calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, 'sha512') };
    }),
  );
}
const joseWith = (keys: Awaited<ReturnType<typeof derivedKeys>>) => async (token: string) =>
  (
    await jwtDecrypt(token, ({ kid }) => (kid === undefined ? keys[0]! : keys.find((k) => k.kid === kid)!).key, {
      clockTolerance: 15,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256CBC-HS512'],
      requiredClaims: ['exp'],
    })
  ).payload;

type Candidate = { name: string; token: string; decode: (token: string) => Promise<unknown> };
const candidates: Candidate[] = [
  { name: '@auth/core/jwt decode (HKDF + thumbprint per call; pages before)', token: cookie, decode: (t) => authjsDecode({ token: t, secret: current, salt }) },
  { name: 'jose jwtDecrypt, derived key cached (session-decoder.ts, a cookie’s first decode)', token: cookie, decode: joseWith(await derivedKeys([current])) },
  { name: 'session-decoder.ts, a cookie it opened before', token: cookie, decode: (t) => decodeSessionToken({ token: t, secret: [current], salt }) },
  { name: 'old cookie: @auth/core/jwt decode, secrets [new, old]', token: oldCookie, decode: (t) => authjsDecode({ token: t, secret: [current, old], salt }) },
  { name: 'old cookie: jose jwtDecrypt, keys cached, [new, old] (first decode)', token: oldCookie, decode: joseWith(await derivedKeys([current, old])) },
  { name: 'old cookie: session-decoder.ts, [new, old], opened before', token: oldCookie, decode: (t) => decodeSessionToken({ token: t, secret: [current, old], salt }) },
];

for (const c of candidates) {
  const out = (await c.decode(c.token)) as { sub?: string } | null;
  if (out?.sub !== 'usr_alice') throw new Error(`${c.name}: did not open the cookie`);
}

/** Wall µs per decode, one at a time. */
async function sequential(c: Candidate): Promise<number> {
  let n = 0;
  const start = performance.now();
  const until = start + MS;
  while (performance.now() < until) {
    for (let i = 0; i < 20; i++) await c.decode(c.token);
    n += 20;
  }
  return ((performance.now() - start) * 1000) / n;
}

/** CPU µs per decode (process.cpuUsage: every thread of the process), IN_FLIGHT at a time. */
async function concurrent(c: Candidate): Promise<number> {
  const { n, cpuUs } = await closedLoop(IN_FLIGHT, MS, () => c.decode(c.token));
  return cpuUs / n;
}

for (const c of candidates) for (let i = 0; i < 200; i++) await c.decode(c.token); // warm-up
const wall = candidates.map(() => [] as number[]);
const cpu = candidates.map(() => [] as number[]);
for (let r = 0; r < ROUNDS; r++) {
  for (const [i, c] of candidates.entries()) {
    wall[i]!.push(await sequential(c));
    cpu[i]!.push(await concurrent(c));
  }
}
console.log(`node ${process.version}, ${ROUNDS} rounds of ${MS} ms per candidate and measure; medians`);
console.log('| decoder | µs per decode (one at a time) | CPU µs per decode (8 in flight) |');
console.log('|---|---:|---:|');
for (const [i, c] of candidates.entries()) console.log(`| ${c.name} | ${median(wall[i]!).toFixed(1)} | ${median(cpu[i]!).toFixed(1)} |`);
