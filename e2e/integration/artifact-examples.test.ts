// The verification examples of the artifact authors' guide (lib/artifact-sdk/README.md), run as
// their authors would run them, against a local JWKS: Node (the SDK), Python (PyJWT) and Go
// (standard library). Each must accept a gateway-shaped token and refuse the same bad ones with the
// same error code. A missing runtime fails under CI (CI=true) and is skipped elsewhere.
import path from 'node:path';
import { exportSPKI, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortOrigin, craftToken, signToken, startPublishedKey, validClaims, type PublishedKey, type RecordingServer, type SigningKey } from '@/lib/artifact-sdk/verify.fixtures';
import { APP, EXAMPLES, exampleRuns, execute, go, goBin, goBinary, goEnv, GO_SOURCES, ISSUER, limited, node, PYTHON, python, type Run } from './harness/artifact-examples';

let key: SigningKey;
let jwks: RecordingServer;
let attacker: PublishedKey;
let unreachable: string;

beforeAll(async () => {
  ({ key, jwks } = await startPublishedKey('k1'));
  attacker = await startPublishedKey('k2');
  unreachable = await closedPortOrigin();
});
afterAll(async () => {
  await jwks?.close();
  await attacker?.jwks.close();
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({ ...validClaims(ISSUER, APP), ...overrides });
/** What every example prints for a valid token: the SDK's claims shape. */
const expected = (c: Record<string, unknown>) => ({
  iss: ISSUER,
  aud: APP,
  sub: c.sub,
  org_id: c.org_id,
  sid: c.sid ?? null,
  org_role: c.org_role ?? null,
  workflow_id: c.workflow_id,
  name: c.name ?? null,
  email: c.email ?? null,
  auth_via: c.auth_via ?? null,
  iat: c.iat,
  nbf: c.nbf,
  exp: c.exp,
  jti: c.jti,
});

/** Bad tokens, each with one fault, and the code every example must answer. */
const REJECTIONS: Array<[string, string, () => Promise<string>]> = [
  ['expired beyond the 60 s leeway', 'token_expired', () => signToken(key, claims({ iat: now() - 400, nbf: now() - 400, exp: now() - 61 }))],
  ['for another app', 'wrong_audience', () => signToken(key, claims({ aud: 'run_globex_tracker' }))],
  ['of another type (typ JWT)', 'wrong_type', () => signToken(key, claims(), { typ: 'JWT' })],
  ['without typ', 'wrong_type', () => signToken(key, claims(), { typ: undefined })],
  ['alg none, unsigned', 'wrong_algorithm', async () => craftToken({ alg: 'none', kid: 'k1', typ: 'app-session+jwt' }, claims(), '')],
  [
    'HS256 keyed with the public key',
    'wrong_algorithm',
    async () =>
      new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: 'k1', typ: 'app-session+jwt' })
        .sign(new TextEncoder().encode(await exportSPKI(key.publicKey))),
  ],
  ['naming its own JWKS (jku)', 'forbidden_header', () => signToken(attacker.key, claims(), { jku: attacker.jwks.jwksUrl, kid: 'k1' })],
  ['embedding its own key (jwk)', 'forbidden_header', () => signToken(attacker.key, claims(), { jwk: attacker.key.publicJwk, kid: 'k1' })],
  ['naming a certificate URL (x5u)', 'forbidden_header', () => signToken(attacker.key, claims(), { x5u: `${attacker.jwks.origin}/cert.pem` })],
  [
    'with a tampered payload',
    'bad_signature',
    async () => {
      const [header, , signature] = (await signToken(key, claims())).split('.');
      return `${header}.${Buffer.from(JSON.stringify(claims({ sub: 'usr_mallory' }))).toString('base64url')}.${signature}`;
    },
  ],
  ['signed by another key under a published kid', 'bad_signature', () => signToken({ kid: 'k1', privateKey: attacker.key.privateKey }, claims())],
  ['signed by a key the gateway does not publish', 'unknown_key', () => signToken(attacker.key, claims())],
  ['from another issuer', 'wrong_issuer', () => signToken(key, claims({ iss: 'https://evil.example' }))],
  ['not valid yet', 'token_not_yet_valid', () => signToken(key, claims({ nbf: now() + 120, exp: now() + 400 }))],
  [
    'without org_id',
    'missing_claim',
    () => {
      const c: Record<string, unknown> = claims();
      delete c.org_id;
      return signToken(key, c);
    },
  ],
  ['with an org_role that is neither admin nor member', 'token_malformed', () => signToken(key, claims({ org_role: 'owner' }))],
  ['that is not a JWT', 'token_malformed', async () => 'not-a-token'],
  ['that is empty', 'token_missing', async () => ''],
];

for (const example of [node, python, go]) {
  describe(`${example.name} example`, () => {
    if (!exampleRuns(example)) return;

    const verify = (token: string, env: Record<string, string> = {}) =>
      example.run({ JWKS_URL: jwks.jwksUrl, ISSUER, AUDIENCE: APP, TOKEN: token, ...env });

    it('prints the verified claims of a valid token as JSON', async () => {
      const c = claims();
      const result = await verify(await signToken(key, c));
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(expected(c));
    });

    it('accepts a token expired less than 60 s ago (clock skew)', async () => {
      const c = claims({ iat: now() - 330, nbf: now() - 330, exp: now() - 30 });
      const result = await verify(await signToken(key, c));
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(expected(c));
    });

    it('takes its settings from arguments as well as from the environment', async () => {
      const token = await signToken(key, claims());
      const args = ['--jwks-url', jwks.jwksUrl, '--issuer', ISSUER, '--audience', APP, '--token', token];
      const result =
        example === node
          ? await execute(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), path.join(EXAMPLES, 'node-example.ts'), ...args], {})
          : example === python
            ? await execute(PYTHON, [path.join(EXAMPLES, 'verify.py'), ...args], {})
            : await execute(goBinary(), args.map((a) => (a.startsWith('--') ? a.slice(1) : a)), {});
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ sub: 'user_alice', aud: APP });
    });

    // Started together (three processes at a time), checked one by one.
    let rejected: Array<Promise<Run>> = [];
    beforeAll(() => {
      rejected = limited(REJECTIONS, 3, async ([, , make]) => verify(await make()));
    });

    it.each(REJECTIONS.map((rejection, i) => [...rejection, i] as const))('rejects a token %s: %s', async (_label, code, _make, i) => {
      const result = await rejected[i]!;
      expect(result.stdout.trim()).toBe(code);
      expect(result.status).toBe(1);
    });

    it('answers jwks_unavailable when the key set cannot be fetched', async () => {
      const result = await verify(await signToken(key, claims()), { JWKS_URL: `${unreachable}/.well-known/jwks.json` });
      expect(result.stdout.trim()).toBe('jwks_unavailable');
      expect(result.status).toBe(1);
    });

    it('exits 2 without an issuer or audience', async () => {
      const result = await verify(await signToken(key, claims()), { AUDIENCE: '' });
      expect(result.status).toBe(2);
      expect(result.stdout).toBe('');
    });

    it('never fetched a URL named by a token', () => {
      expect(attacker.jwks.requests).toEqual([]);
    });

    if (example === go) {
      it('runs as documented: go run verify.go jwks.go access_token.go revocations.go', async () => {
        const token = await signToken(key, claims());
        const result = await execute(goBin!, ['run', ...GO_SOURCES], { ...goEnv, JWKS_URL: jwks.jwksUrl, ISSUER, AUDIENCE: APP, TOKEN: token }, { timeout: 240_000 });
        expect(result.status, result.stderr).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({ sub: 'user_alice' });
      }, 300_000);
    }
  });
}
