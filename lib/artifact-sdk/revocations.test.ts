import { setTimeout as realDelay } from 'node:timers/promises';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVerifier, type ArtifactTokenVerifier, type VerifierOptions } from './index.ts';
import { startFeedServer, type FeedServer } from './revocation-feed.fixtures.ts';
import { closedPortOrigin, createSigningKey, signToken, validClaims, type SigningKey } from './verify.fixtures.ts';

const APP = 'run_acme_dashboard';
let key: SigningKey;
let feed: FeedServer;
const verifiers: ArtifactTokenVerifier[] = [];

beforeAll(async () => {
  key = await createSigningKey('k1');
});
beforeEach(async () => {
  feed = await startFeedServer([key.publicJwk]);
});
afterEach(async () => {
  vi.useRealTimers();
  verifiers.splice(0).forEach((v) => v.close());
  await feed.close();
});

function verifier(options: Partial<Omit<VerifierOptions, 'guests'>> = {}): ArtifactTokenVerifier {
  const created = createVerifier({ issuer: feed.origin, revocations: true, ...options });
  verifiers.push(created);
  return created;
}

const now = () => Math.floor(Date.now() / 1000);
// Issued a few seconds ago, so an entry written now (`at` = now) covers it.
const token = (overrides: Record<string, unknown> = {}) =>
  signToken(key, { ...validClaims(feed.origin, APP, now() - 5), ...overrides });
const codeOf = (v: ArtifactTokenVerifier, jwt: string, audience = APP) =>
  v.verify(jwt, { audience }).then(
    (claims) => `ok:${claims.sub}`,
    (err: { code?: string }) => err.code,
  );

// The verifier's poll timer runs on a fake clock (the feed, its HTTP and the sockets stay real), so a
// test moves to the next poll at once instead of sleeping through the interval. Call before creating
// the verifier: its timer must be a fake one.
const fakePollClock = (fake: Array<'setTimeout' | 'clearTimeout' | 'Date'> = ['setTimeout', 'clearTimeout']) =>
  vi.useFakeTimers({ toFake: fake, now: Date.now() });
// While the clock is fake, vi.waitFor moves it by `interval` at each check: far less than a poll
// interval, so it waits for the poll in flight to finish rather than starting new ones.
const settled = { timeout: 5_000, interval: 10 };
/** Moves the fake clock by one poll interval and resolves once the poll it starts has asked the feed. */
async function nextPoll(pollSeconds = 1): Promise<void> {
  const before = feed.feedRequests.length;
  await vi.advanceTimersByTimeAsync(pollSeconds * 1000);
  await vi.waitFor(() => expect(feed.feedRequests.length, 'no poll asked the feed').toBeGreaterThan(before), settled);
}

describe('createVerifier({ revocations: true })', () => {
  it('finds the feed through discovery and refuses a token whose session ended (token_revoked)', async () => {
    feed.revoke({ sid: 'sess_ended' });
    const v = verifier();
    expect(await codeOf(v, await token({ sid: 'sess_ended' }))).toBe('token_revoked');
    expect(await codeOf(v, await token({ sid: 'sess_live' }))).toBe('ok:user_alice');
    expect(feed.feedRequests[0]).toBe('/v1/app-gateway/revocations');
  });

  it('returns the sid among the verified claims', async () => {
    const claims = await verifier().verify(await token({ sid: 'sess_live' }), { audience: APP });
    expect(claims.sid).toBe('sess_live');
  });

  it('follows the cursor across pages and sees every entry once', async () => {
    for (let i = 0; i < 5; i++) feed.revoke({ sid: `sess_${i}` });
    const v = verifier();
    for (let i = 0; i < 5; i++) expect(await codeOf(v, await token({ sid: `sess_${i}` }))).toBe('token_revoked');
    expect(feed.feedRequests).toEqual([
      '/v1/app-gateway/revocations',
      '/v1/app-gateway/revocations?after=c2',
      '/v1/app-gateway/revocations?after=c4',
      '/v1/app-gateway/revocations?after=c5',
    ]);
    expect(v.revocationStatus()).toMatchObject({ entries: 5, lastError: null });
  });

  it('matches every claim an entry names: sub + org_id, sub + aud', async () => {
    feed.revoke({ sub: 'user_alice', org_id: 'org_acme' });
    feed.revoke({ sub: 'user_bob', aud: APP });
    const v = verifier();
    expect(await codeOf(v, await token())).toBe('token_revoked');
    expect(await codeOf(v, await token({ org_id: 'org_globex' }))).toBe('ok:user_alice');
    expect(await codeOf(v, await token({ sub: 'user_bob', org_id: 'org_globex' }))).toBe('token_revoked');
    const forOtherApp = await signToken(key, { ...validClaims(feed.origin, 'run_acme_onboarding'), sub: 'user_bob' });
    expect(await codeOf(v, forOtherApp, 'run_acme_onboarding')).toBe('ok:user_bob');
  });

  it('revokes only tokens issued at or before the entry', async () => {
    const at = now() - 100;
    feed.revoke({ sub: 'user_alice', org_id: 'org_acme' }, new Date(at * 1000));
    const v = verifier();
    expect(await codeOf(v, await token({ iat: at, nbf: at }))).toBe('token_revoked');
    expect(await codeOf(v, await token({ iat: at - 100, nbf: at - 100 }))).toBe('token_revoked');
    expect(await codeOf(v, await token({ iat: at + 1, nbf: at + 1 }))).toBe('ok:user_alice');
  });

  it('refuses a token revoked after it was accepted, at the next poll', async () => {
    fakePollClock();
    const v = verifier({ revocationPollSeconds: 1 });
    const jwt = await token({ sid: 'sess_signing_out' });
    expect(await codeOf(v, jwt)).toBe('ok:user_alice');
    feed.revoke({ sid: 'sess_signing_out' });
    await nextPoll();
    await vi.waitFor(async () => expect(await codeOf(v, jwt)).toBe('token_revoked'), settled);
    // It found the entry by following the cursor (a later poll), not by starting over.
    expect(feed.feedRequests.some((url) => /\?after=c\d+$/.test(url))).toBe(true);
  });

  it('starts over when the gateway no longer knows its cursor (400)', async () => {
    feed.revoke({ sid: 'sess_1' });
    feed.revoke({ sid: 'sess_2' });
    fakePollClock();
    const v = verifier({ revocationPollSeconds: 1 });
    await v.verify(await token(), { audience: APP });
    feed.reset();
    feed.revoke({ sid: 'sess_after_restore' });
    const jwt = await token({ sid: 'sess_after_restore' });
    await nextPoll();
    await vi.waitFor(async () => expect(await codeOf(v, jwt)).toBe('token_revoked'), settled);
    expect(feed.feedRequests).toContain('/v1/app-gateway/revocations?after=c2');
    expect(v.revocationStatus()).toMatchObject({ lastError: null });
  });

  it('never reads the feed on the verify path once it has read it', async () => {
    const v = verifier({ revocationPollSeconds: 300 });
    for (let i = 0; i < 5; i++) await v.verify(await token(), { audience: APP });
    expect(feed.feedRequests).toHaveLength(1);
  });

  it('drops entries that can no longer revoke an unexpired token (over 3600 s + tolerance old)', async () => {
    feed.revoke({ sid: 'sess_old' }, new Date((now() - 3_700) * 1000));
    feed.revoke({ sid: 'sess_recent' }, new Date((now() - 3_000) * 1000));
    const v = verifier();
    await v.verify(await token(), { audience: APP });
    expect(v.revocationStatus()).toMatchObject({ entries: 1 });
  });

  it('skips malformed entries and keeps the rest', async () => {
    feed.pageSize = 10;
    feed.revoke({ note: 'names no claim' });
    feed.revoke({ sid: '' });
    feed.revoke({ sid: 'sess_ok' });
    const v = verifier();
    expect(await codeOf(v, await token({ sid: 'sess_ok' }))).toBe('token_revoked');
    expect(v.revocationStatus()).toMatchObject({ entries: 1 });
  });

  it('takes an explicit feed URL instead of discovery', async () => {
    feed.mode = 'no_endpoint_in_discovery';
    feed.revoke({ sid: 'sess_ended' });
    const v = verifier({ revocationEndpoint: feed.feedUrl });
    expect(await codeOf(v, await token({ sid: 'sess_ended' }))).toBe('token_revoked');
  });

  it('is off by default: no feed read, no status', async () => {
    feed.revoke({ sid: 'sess_ended' });
    const v = verifier({ revocations: false });
    expect(await codeOf(v, await token({ sid: 'sess_ended' }))).toBe('ok:user_alice');
    expect(feed.feedRequests).toEqual([]);
    expect(v.revocationStatus()).toBeNull();
  });

  it('checks its options', () => {
    expect(() => verifier({ revocationPollSeconds: 0 })).toThrow(RangeError);
    expect(() => verifier({ revocationPollSeconds: 10, revocationMaxStalenessSeconds: 15 })).toThrow(RangeError);
    expect(() => verifier({ revocationMaxStalenessSeconds: 3_601 })).toThrow(RangeError);
    expect(() => verifier({ revocationEndpoint: 'ftp://feed.example/revocations' })).toThrow(TypeError);
  });
});

describe('while the feed cannot be read', () => {
  it('fails closed (revocations_unavailable) when it has never been read', async () => {
    const down = verifier({ revocationEndpoint: `${await closedPortOrigin()}/v1/app-gateway/revocations` });
    expect(await codeOf(down, await token())).toBe('revocations_unavailable');
    expect(down.revocationStatus()).toMatchObject({ syncedAt: null, lastError: 'the revocation feed could not be reached' });
  });

  it.each([
    ['names no feed in discovery', 'no_endpoint_in_discovery', 'the discovery document names no revocation_endpoint'],
    ['answers 503', 'server_error', 'the revocation feed answered HTTP 503'],
    ['answers something else', 'not_a_feed', 'the revocation feed answered something that is not a feed page'],
  ] as const)('fails closed when the gateway %s', async (_label, mode, lastError) => {
    feed.mode = mode;
    const v = verifier();
    expect(await codeOf(v, await token())).toBe('revocations_unavailable');
    expect(v.revocationStatus()).toMatchObject({ syncedAt: null, lastError });
  });

  it('keeps the last entries for the staleness bound, then fails closed, then recovers', async () => {
    fakePollClock(['setTimeout', 'clearTimeout', 'Date']);
    feed.revoke({ sid: 'sess_ended' });
    const v = verifier({ revocationPollSeconds: 1, revocationMaxStalenessSeconds: 60 });
    const live = await token({ sid: 'sess_live' });
    const ended = await token({ sid: 'sess_ended' });
    expect(await codeOf(v, live)).toBe('ok:user_alice');

    feed.mode = 'server_error';
    await nextPoll();
    await vi.waitFor(() => expect(v.revocationStatus()?.lastError).toBe('the revocation feed answered HTTP 503'), settled);
    expect(await codeOf(v, live)).toBe('ok:user_alice');
    expect(await codeOf(v, ended)).toBe('token_revoked');

    vi.setSystemTime(Date.now() + 61_000);
    expect(await codeOf(v, live)).toBe('revocations_unavailable');
    expect(await codeOf(v, ended)).toBe('token_revoked');

    feed.mode = 'ok';
    await nextPoll();
    await vi.waitFor(async () => expect(await codeOf(v, live)).toBe('ok:user_alice'), settled);
    expect(v.revocationStatus()).toMatchObject({ lastError: null, entries: 1 });
  });
});

describe('close()', () => {
  it('stops following the feed', async () => {
    fakePollClock();
    const v = verifier({ revocationPollSeconds: 1 });
    await v.verify(await token(), { audience: APP });
    await nextPoll(); // it follows the feed while open
    v.close();
    const seen = feed.feedRequests.length;
    // Ten poll intervals on the fake clock, then real time for any request a poll would have sent.
    await vi.advanceTimersByTimeAsync(10_000);
    await realDelay(200);
    expect(feed.feedRequests).toHaveLength(seen);
  });
});
