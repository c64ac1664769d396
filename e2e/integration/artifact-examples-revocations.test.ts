// The guide's verification examples with revocations on (SPEC §9): each follows a real local feed —
// through discovery or an explicit URL, across cursor pages — refuses a revoked token with
// token_revoked and, when the feed cannot be read, fails closed with revocations_unavailable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '@/lib/artifact-sdk/revocation-feed.fixtures';
import { closedPortOrigin, createSigningKey, signToken, validClaims, type SigningKey } from '@/lib/artifact-sdk/verify.fixtures';
import { APP, exampleRuns, go, ISSUER, limited, node, python, type Run } from './harness/artifact-examples';

let key: SigningKey;
let feed: FeedServer;
let down: FeedServer;
let noEndpoint: FeedServer;
let unreachable: string;
const now = Math.floor(Date.now() / 1000);

beforeAll(async () => {
  key = await createSigningKey('k1');
  [feed, down, noEndpoint] = await Promise.all([startFeedServer([key.publicJwk]), startFeedServer([key.publicJwk]), startFeedServer([key.publicJwk])]);
  down.mode = 'server_error';
  noEndpoint.mode = 'no_endpoint_in_discovery';
  unreachable = await closedPortOrigin();
  // Three pages of two: the examples must follow the cursor to see the last entries.
  feed.revoke({ sid: 'sess_a' });
  feed.revoke({ sid: 'sess_b' });
  feed.revoke({ sub: 'user_alice', org_id: 'org_acme' }, new Date((now - 100) * 1000));
  feed.revoke({ sid: 'sess_c' });
  feed.revoke({ sid: 'sess_d' });
});
afterAll(async () => {
  await Promise.all([feed, down, noEndpoint].map((server) => server?.close()));
});

const at = (iat: number) => ({ iat, nbf: iat, exp: iat + 300 });
// Issued at `now` by default, before any entry (entries are written later, in beforeAll).
const token = (overrides: Record<string, unknown>, issuer = ISSUER) =>
  signToken(key, { ...validClaims(issuer, APP), ...at(now), ...overrides });

/** Each case: what to verify, with which settings, and what the example must print (an error code or the sid it accepted). */
const CASES: Array<[string, string, () => Promise<Record<string, string>>]> = [
  ['whose session ended, found on the last page', 'token_revoked', async () => ({ TOKEN: await token({ sid: 'sess_d' }) })],
  ['of a live session', 'ok:sess_live', async () => ({ TOKEN: await token({ sid: 'sess_live' }) })],
  [
    'issued before its user was removed from the org (sub + org_id)',
    'token_revoked',
    async () => ({ TOKEN: await token({ sid: 'sess_live', ...at(now - 200) }) }),
  ],
  ['issued after that removal (a new membership)', 'ok:sess_new', async () => ({ TOKEN: await token({ sid: 'sess_new', ...at(now - 99) }) })],
  [
    'whose session ended, with the feed found through discovery',
    'token_revoked',
    async () => ({ ISSUER: feed.origin, JWKS_URL: '', REVOCATION_URL: '', REVOCATIONS: '1', TOKEN: await token({ sid: 'sess_a' }, feed.origin) }),
  ],
  [
    'while the feed cannot be reached',
    'revocations_unavailable',
    async () => ({ REVOCATION_URL: `${unreachable}/v1/app-gateway/revocations`, TOKEN: await token({ sid: 'sess_live' }) }),
  ],
  ['while the feed answers 503', 'revocations_unavailable', async () => ({ REVOCATION_URL: down.feedUrl, TOKEN: await token({ sid: 'sess_live' }) })],
  [
    'when discovery names no feed',
    'revocations_unavailable',
    async () => ({
      ISSUER: noEndpoint.origin,
      JWKS_URL: '',
      REVOCATION_URL: '',
      REVOCATIONS: '1',
      TOKEN: await token({ sid: 'sess_live' }, noEndpoint.origin),
    }),
  ],
];

const outcome = (run: Run) => {
  if (run.status !== 0) return run.stdout.trim() || `exit ${run.status}: ${run.stderr}`;
  return `ok:${(JSON.parse(run.stdout) as { sid: string }).sid}`;
};

for (const example of [node, python, go]) {
  describe(`${example.name} example with revocations`, () => {
    if (!exampleRuns(example)) return;

    let runs: Array<Promise<Run>> = [];
    beforeAll(() => {
      runs = limited(CASES, 3, async ([, , settings]) =>
        example.run({ JWKS_URL: feed.jwksUrl, ISSUER, AUDIENCE: APP, REVOCATION_URL: feed.feedUrl, ...(await settings()) }),
      );
    });

    it.each(CASES.map((c, i) => [c[0], c[1], i] as const))('a token %s: %s', async (_label, expected, i) => {
      expect(outcome(await runs[i]!)).toBe(expected);
    });
  });
}
