import { describe, expect, it } from 'vitest';
import { createVerifiedTokens } from './verified-tokens';

const at = (seconds: number) => () => seconds * 1000;
const entry = (aud: string, exp: number) => ({ aud, exp });

describe('verified tokens', () => {
  it('holds at most its capacity under a flood of distinct tokens, and keeps the one in use', () => {
    const kept = createVerifiedTokens<{ aud: string; exp: number }>(5, 100, at(1_000));
    kept.set('in-use', entry('run_a', 2_000));
    for (let i = 0; i < 10_000; i++) {
      kept.set(`flood-${i}`, entry('run_a', 2_000));
      expect(kept.get('in-use', 'run_a')).toBeDefined();
    }
    expect(kept.size).toBe(100);
    expect(kept.get('flood-0', 'run_a')).toBeUndefined();
  });

  it('gives nothing for an expired token once the clock tolerance is over, and drops it', () => {
    let now = 1_000;
    const kept = createVerifiedTokens<{ aud: string; exp: number }>(5, 100, () => now * 1000);
    kept.set('t', entry('run_a', 1_010));
    now = 1_014;
    expect(kept.get('t', 'run_a')).toBeDefined();
    now = 1_015; // as jose decides: exp <= now - tolerance is expired
    expect(kept.get('t', 'run_a')).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('gives nothing for a token asked for another app (the full verification then refuses it)', () => {
    const kept = createVerifiedTokens<{ aud: string; exp: number }>(5, 100, at(1_000));
    kept.set('t', entry('run_a', 2_000));
    expect(kept.get('t', 'run_b')).toBeUndefined();
    expect(kept.get('t', 'run_a')).toBeDefined();
  });
});
