import type { SigningKey } from '@/db/schema';

export type KeyState = 'next' | 'active' | 'retiring' | 'retired' | 'revoked';
export type KeyWithState = SigningKey & { state: KeyState; retireAt: Date | null };

/** Longest token lifetime + keyring refresh interval + verifiers' clock tolerance. */
export const RETIRE_GRACE_MS = (3600 + 30 + 60) * 1000;

/**
 * Derives each key's state from its timestamps: the newest activated key signs; older activated
 * keys stay published until their successor has been active longer than any token lives.
 */
export function withStates(keys: SigningKey[], now: Date): KeyWithState[] {
  const live = keys.filter((k) => !k.revokedAt).sort((a, b) => b.activatesAt.getTime() - a.activatesAt.getTime());
  const activated = live.filter((k) => k.activatesAt <= now);
  const byKid = new Map<string, KeyWithState>();
  for (const k of keys) {
    if (k.revokedAt) byKid.set(k.kid, { ...k, state: 'revoked', retireAt: null });
    else if (k.activatesAt > now) byKid.set(k.kid, { ...k, state: 'next', retireAt: null });
  }
  activated.forEach((k, i) => {
    const successor = activated[i - 1];
    if (!successor) return void byKid.set(k.kid, { ...k, state: 'active', retireAt: null });
    const retireAt = new Date(successor.activatesAt.getTime() + RETIRE_GRACE_MS);
    byKid.set(k.kid, { ...k, state: now < retireAt ? 'retiring' : 'retired', retireAt });
  });
  return keys.map((k) => byKid.get(k.kid)!).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

export const isPublished = (k: KeyWithState) => k.state === 'next' || k.state === 'active' || k.state === 'retiring';
