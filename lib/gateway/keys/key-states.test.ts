import { describe, expect, it } from 'vitest';
import type { SigningKey } from '@/db/schema';
import { isPublished, RETIRE_GRACE_MS, withStates } from './key-states';

const t0 = new Date('2026-11-29T12:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const key = (kid: string, activatesAt: Date, revokedAt: Date | null = null): SigningKey => ({
  kid, alg: 'ES256', publicJwk: {}, privateKeyEnc: '', createdAt: activatesAt, activatesAt, revokedAt,
});
const states = (keys: SigningKey[], now: Date) => Object.fromEntries(withStates(keys, now).map((k) => [k.kid, k.state]));

describe('key states', () => {
  it('the newest activated key signs; a key not yet activated is next', () => {
    expect(states([key('a', at(0)), key('b', at(900))], at(10))).toEqual({ a: 'active', b: 'next' });
  });
  it('the old key retires only after its successor outlived every token, then leaves the JWKS', () => {
    const keys = [key('a', at(0)), key('b', at(900))];
    expect(states(keys, at(901))).toEqual({ a: 'retiring', b: 'active' });
    const retireAt = at(900 + RETIRE_GRACE_MS / 1000);
    expect(states(keys, new Date(retireAt.getTime() - 1))).toMatchObject({ a: 'retiring' });
    expect(states(keys, retireAt)).toMatchObject({ a: 'retired' });
    expect(withStates(keys, retireAt).filter(isPublished).map((k) => k.kid)).toEqual(['b']);
  });
  it('a revoked key is unpublished at once and never signs', () => {
    const keys = [key('a', at(0)), key('b', at(10), at(20))];
    expect(states(keys, at(30))).toEqual({ a: 'active', b: 'revoked' });
    expect(withStates(keys, at(30)).filter(isPublished).map((k) => k.kid)).toEqual(['a']);
  });
  it('the grace outlasts the longest token lifetime and the verifiers’ clock tolerance', () => {
    expect(RETIRE_GRACE_MS).toBeGreaterThanOrEqual((3600 + 60) * 1000);
  });
});
