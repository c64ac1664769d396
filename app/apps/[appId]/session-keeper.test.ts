import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MintResult } from './mint-client';
import { createSessionKeeper, type AppToken, type KeeperState } from './session-keeper';

const APP = 'run_acme_dashboard';
let issued = 0;
const minted = (expiresIn = 300): MintResult => ({ ok: true, token: `t${++issued}`, exp: '2026-12-02T08:00:00.000Z', expiresIn });
const refused = (status: number, code: string): MintResult => ({
  ok: false,
  status,
  code,
  detail: 'refused',
  orgId: null,
  orgName: null,
  retryAfterSeconds: null,
});

/** A keeper whose mint answers from `answers` in order (a fresh token once they run out). */
function keeperWith(answers: Array<MintResult | Promise<MintResult>> = []) {
  const tokens: Array<{ token: string; first: boolean }> = [];
  const states: KeeperState[] = [];
  const mint = vi.fn((_appId: string) => Promise.resolve(answers.shift() ?? minted()));
  const keeper = createSessionKeeper({
    appId: APP,
    mint,
    onToken: (token: AppToken, first: boolean) => tokens.push({ token: token.token, first }),
    onState: (state) => states.push(state),
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
});
