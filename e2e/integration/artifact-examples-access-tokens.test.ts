// The guide's verification examples with access tokens (SPEC §17): each — Node (the SDK), Python
// (PyJWT) and Go (standard library) — verifies a real access token a running gateway issued by
// exchange, against the gateway's own JWKS and revocation feed, and refuses one for another
// resource, one without the scope required, an app session token presented as an access token (and
// the other way round), and one whose viewer signed out (the feed's sid entry).
import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { basic, exchangeFields, mintedToken, OTHER_RESOURCE, RESOURCE, setUpExchangeWorld, tokenRequest, type Secrets } from './harness/exchange';
import { exampleRuns, go, limited, node, python, type Run } from './harness/artifact-examples';
import { newEntries, readFeed } from './harness/feed';
import { APP_URL, gatewayForSuite } from './harness/gateway-fixture';

const APP = 'run_acme_dashboard';

const gw = gatewayForSuite('pglite');
let secrets: Secrets;
/** Alice's app session token, and the access token exchanged for it. */
let session: string;
let access: string;
/** An access token whose session alice then signed out of. */
let signedOut: string;

async function exchange(subjectToken: string): Promise<string> {
  const res = await tokenRequest(gw, exchangeFields(subjectToken), { authorization: basic(APP, secrets[APP]!) });
  if (res.status !== 200) throw new Error(`the exchange answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  secrets = await setUpExchangeWorld();
  session = await mintedToken(gw, APP, await gw.client.signIn('alice@acme.test'));
  access = await exchange(session);

  const leaving = await gw.client.signIn('alice@acme.test');
  signedOut = await exchange(await mintedToken(gw, APP, leaving));
  const { cursor } = await readFeed(gw.url);
  await gw.client.signOut(leaving);
  expect(await newEntries(gw.url, cursor)).toEqual([{ sid: decodeJwt(signedOut).sid }]);
}, 120_000);

/** What every example prints for the live access token: the SDK's AccessTokenClaims. */
const expected = () => {
  const claims = decodeJwt(access);
  return {
    iss: APP_URL,
    sub: 'usr_alice',
    aud: RESOURCE,
    client_id: APP,
    scope: 'runs:read',
    scopes: ['runs:read'],
    org_id: 'org_acme',
    org_role: 'admin',
    sid: claims.sid,
    act: { sub: `app:${APP}` },
    jti: claims.jti,
    iat: claims.iat,
    exp: claims.exp,
  };
};

/** Each case: what to verify, with which settings (over an access token for platform-api needing runs:read), and what the example must print. */
const CASES: Array<[string, string, () => Record<string, string>]> = [
  ['for its resource, carrying the scope required', 'ok', () => ({ TOKEN: access })],
  ['for another resource', 'wrong_audience', () => ({ TOKEN: access, AUDIENCE: OTHER_RESOURCE })],
  ['without a scope required', 'insufficient_scope', () => ({ TOKEN: access, SCOPE: 'runs:read runs:write' })],
  ['that is an app session token', 'wrong_type', () => ({ TOKEN: session, AUDIENCE: APP })],
  ['whose viewer signed out', 'token_revoked', () => ({ TOKEN: signedOut })],
  ['given to the app session verifier', 'wrong_type', () => ({ TOKEN: access, ACCESS: '' })],
];

const outcome = (run: Run) => (run.status === 0 ? 'ok' : run.stdout.trim() || `exit ${run.status}: ${run.stderr}`);

for (const example of [node, python, go]) {
  describe(`${example.name} example with a gateway's access tokens`, () => {
    if (!exampleRuns(example)) return;

    let runs: Array<Promise<Run>> = [];
    beforeAll(() => {
      runs = limited(CASES, 3, async ([, , settings]) =>
        example.run({
          JWKS_URL: `${gw.url}/.well-known/jwks.json`,
          ISSUER: APP_URL,
          AUDIENCE: RESOURCE,
          ACCESS: '1',
          SCOPE: 'runs:read',
          REVOCATION_URL: `${gw.url}/v1/app-gateway/revocations`,
          ...settings(),
        }),
      );
    });

    it.each(CASES.map((c, i) => [c[0], c[1], i] as const))('an access token %s: %s', async (_label, want, i) => {
      expect(outcome(await runs[i]!)).toBe(want);
    });

    it('prints the verified claims of the live access token as the SDK shapes them', async () => {
      const run = await runs[0]!;
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(expected());
    });
  });
}
