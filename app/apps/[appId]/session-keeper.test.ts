import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MintResult } from './mint-client';
import { createSessionKeeper, GUEST_RENEW_MS, type AppToken, type KeeperState } from './session-keeper';

const APP = 'run_acme_dashboard';
let issued = 0;
const minted = (expiresIn = 300): MintResult => ({ ok: true, token: `t${++issued}`, exp: '2026-12-02T08:00:00.000Z', expiresIn });
const refused = (status: number, code: string, more: Partial<MintResult> = {}): MintResult => ({
  ok: false,
  status,
  code,
  detail: 'refused',
  orgId: null,
  orgName: null,
  retryAfterSeconds: null,
  ...(more as object),
});

/** A keeper whose mint answers from `answers` in order (a fresh token once they run out). */
function keeperWith(answers: Array<MintResult | Promise<MintResult>> = [], more: { renewAtMostMs?: number } = {}) {
  const tokens: Array<{ token: string; first: boolean }> = [];
  const states: KeeperState[] = [];
  const mint = vi.fn((_appId: string) => Promise.resolve(answers.shift() ?? minted()));
  const keeper = createSessionKeeper({
    appId: APP,
    mint,
    onToken: (token: AppToken, first: boolean) => tokens.push({ token: token.token, first }),
    onState: (state) => states.push(state),
    ...more,
  });
  return { keeper, mint, tokens, states, last: () => states.at(-1) };
}

beforeEach(() => {
  issued = 0;
  vi.useFakeTimers({ now: new Date('2026-12-02T07:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session keeper', () => {
  it('mints, hands over the first token, and renews at 80% of its lifetime by message', async () => {
    const { keeper, mint, tokens, last } = keeperWith();
    await keeper.refresh();
    expect(tokens).toEqual([{ token: 't1', first: true }]);
    expect(last()).toMatchObject({ kind: 'live' });
    await vi.advanceTimersByTimeAsync(240_000);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(tokens.at(-1)).toEqual({ token: 't2', first: false });
  });

  it('a 401 at refresh ends the session: signed_out, and no further mint by timer, request, focus or retry', async () => {
    const { keeper, mint, tokens, states, last } = keeperWith([minted(), refused(401, 'unauthenticated')]);
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(240_000);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(last()).toEqual({ kind: 'signed_out' });

    keeper.requestFresh();
    keeper.wake();
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(tokens).toHaveLength(1);
    expect(states.filter((s) => s.kind === 'signed_out')).toHaveLength(1);
  });

  it('a 401 on the first mint is signed_out too', async () => {
    const { keeper, mint, tokens, last } = keeperWith([refused(401, 'unauthenticated')]);
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(last()).toEqual({ kind: 'signed_out' });
    expect(tokens).toEqual([]);
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('end() (signed out in another tab) stops the renewals at once', async () => {
    const { keeper, mint, last } = keeperWith();
    await keeper.refresh();
    keeper.end();
    expect(last()).toEqual({ kind: 'signed_out' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    keeper.requestFresh();
    await keeper.refresh();
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('end() during a mint: the token that mint returns is not handed on', async () => {
    let answer: (result: MintResult) => void = () => undefined;
    const { keeper, tokens, last } = keeperWith([minted(), new Promise<MintResult>((resolve) => (answer = resolve))]);
    await keeper.refresh();
    const renewing = keeper.refresh().then(() => undefined);
    await vi.advanceTimersByTimeAsync(0);
    keeper.end();
    answer(minted());
    await renewing;
    expect(tokens.map((t) => t.token)).toEqual(['t1']);
    expect(last()).toEqual({ kind: 'signed_out' });
  });

  it('on focus, re-mints (the session check) only when the token is over 15 s old', async () => {
    const { keeper, mint, last } = keeperWith();
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(10_000);
    keeper.wake();
    expect(mint).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6_000);
    keeper.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(last()).toMatchObject({ kind: 'live' });
  });

  it('a focus check answered 401 ends the session', async () => {
    const { keeper, mint, last } = keeperWith([minted(), refused(401, 'unauthenticated')]);
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(20_000);
    keeper.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toEqual({ kind: 'signed_out' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it('retries a 503 with backoff, and keeps the session', async () => {
    const { keeper, mint, last } = keeperWith([refused(503, 'unavailable')]);
    await keeper.refresh();
    expect(last()).toMatchObject({ kind: 'error', code: 'unavailable' });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(last()).toMatchObject({ kind: 'live' });
  });

  it('a network failure, then a 429, then a 503 wait 2.5 s, 5 s and 10 s: the backoff doubles, and a token resets it', async () => {
    const { keeper, mint, states } = keeperWith([refused(0, 'network'), refused(429, 'rate_limited'), refused(503, 'unavailable'), minted(), refused(503, 'unavailable')]);
    await keeper.refresh();
    for (const wait of [2_500, 5_000, 10_000]) {
      const calls = mint.mock.calls.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(mint).toHaveBeenCalledTimes(calls);
      await vi.advanceTimersByTimeAsync(1);
      expect(mint).toHaveBeenCalledTimes(calls + 1);
    }
    expect(states.at(-1)).toMatchObject({ kind: 'live' });
    await vi.advanceTimersByTimeAsync(240_000);
    expect(states.at(-1)).toMatchObject({ kind: 'error', code: 'unavailable', retryAt: Date.now() + 2_500 });
  });

  it('waits as long as Retry-After asks when that is longer than the backoff, and never more than a minute', async () => {
    const { keeper, mint, last } = keeperWith([refused(429, 'rate_limited', { retryAfterSeconds: 30 }), refused(503, 'unavailable', { retryAfterSeconds: 600 })]);
    await keeper.refresh();
    expect(last()).toMatchObject({ kind: 'error', retryAt: Date.now() + 30_000 });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(mint).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(mint).toHaveBeenCalledTimes(2);
    expect(last()).toMatchObject({ kind: 'error', retryAt: Date.now() + 60_000 });
  });

  it('a 404, an org mismatch or another refusal is shown and not retried', async () => {
    const mismatch = refused(403, 'org_mismatch', { orgId: 'org_globex', orgName: 'Globex Corp' });
    for (const [answer, state] of [
      [refused(404, 'not_found'), { kind: 'not_found' }],
      [mismatch, { kind: 'switch', orgId: 'org_globex', orgName: 'Globex Corp' }],
      [refused(403, 'forbidden'), { kind: 'error', code: 'forbidden', retryAt: null }],
    ] as const) {
      const { keeper, mint, tokens, last } = keeperWith([answer]);
      await keeper.refresh();
      expect(last()).toMatchObject(state);
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(mint).toHaveBeenCalledTimes(1);
      expect(tokens).toEqual([]);
      keeper.stop();
    }
  });

  it('an artifact asking again within 2 s gets the same token; later, or while a mint is under way, one fresh mint', async () => {
    const { keeper, mint, tokens } = keeperWith();
    await keeper.refresh();
    keeper.requestFresh();
    expect(tokens.map((t) => t.token)).toEqual(['t1', 't1']);
    await vi.advanceTimersByTimeAsync(2_000);
    keeper.requestFresh();
    keeper.requestFresh();
    await keeper.refresh();
    expect(mint).toHaveBeenCalledTimes(2);
    expect(tokens.map((t) => t.token)).toEqual(['t1', 't1', 't2']);
  });

  it('a guest’s viewer mints every 15 s, so a link revoked at any moment shows signed_out within 30 s (SPEC §15)', async () => {
    const { keeper, mint, tokens } = keeperWith([], { renewAtMostMs: GUEST_RENEW_MS });
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(mint).toHaveBeenCalledTimes(5);
    expect(tokens.at(-1)).toEqual({ token: 't5', first: false });
    keeper.stop();

    // Revoked just after a mint (the worst case): the next mint, 15 s later, is the 401.
    const revoked = keeperWith([minted(), refused(401, 'unauthenticated')], { renewAtMostMs: GUEST_RENEW_MS });
    await revoked.keeper.refresh();
    await vi.advanceTimersByTimeAsync(GUEST_RENEW_MS);
    expect(revoked.last()).toEqual({ kind: 'signed_out' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(revoked.mint).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['a member’s viewer keeps renewing at 80% of the token’s life', 300, 240_000],
    ['renews a very short-lived token no sooner than after 5 s', 2, 5_000],
  ])('%s', async (_name, expiresIn, renewsAfterMs) => {
    const { keeper, mint } = keeperWith([minted(expiresIn)]);
    await keeper.refresh();
    await vi.advanceTimersByTimeAsync(renewsAfterMs - 1);
    expect(mint).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it('stop() (the viewer unmounts) ends the renewals and the retries', async () => {
    const { keeper, mint } = keeperWith([minted(), refused(503, 'unavailable')]);
    await keeper.refresh();
    keeper.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    keeper.requestFresh();
    await keeper.refresh();
    expect(mint).toHaveBeenCalledTimes(1);
  });
});
