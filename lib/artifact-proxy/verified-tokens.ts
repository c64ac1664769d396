// Tokens whose signature and claims have been verified, kept by the token itself so that a session's
// every request does not check ES256 again (the proxy's largest cost per request). Only what the
// signature decides is kept: expiry is checked at every look-up, and revocations are not kept here
// at all (verify.ts asks the revocation list on every request, cached or not).
import { LruMap } from './lru-map';

/** Enough for every session active on one proxy at once; a flood of other tokens only evicts, never grows it. */
export const MAX_VERIFIED_TOKENS = 10_000;

export interface VerifiedTokens<T extends { aud: string; exp: number }> {
  /** What `token` was verified as for `audience`; undefined when not kept, for another app, or expired (then dropped). */
  get(token: string, audience: string): T | undefined;
  set(token: string, verified: T): void;
  readonly size: number;
}

export function createVerifiedTokens<T extends { aud: string; exp: number }>(
  clockToleranceSeconds: number,
  capacity = MAX_VERIFIED_TOKENS,
  now: () => number = Date.now,
): VerifiedTokens<T> {
  const entries = new LruMap<string, T>(capacity);
  return {
    get(token, audience) {
      const verified = entries.get(token);
      if (verified === undefined) return undefined;
      // As jose decides expiry: refused once exp is `clockToleranceSeconds` in the past.
      if (verified.exp <= now() / 1000 - clockToleranceSeconds) {
        entries.delete(token);
        return undefined;
      }
      // Verified for another app: the full verification runs, and refuses it (wrong_audience).
      return verified.aud === audience ? verified : undefined;
    },
    set: (token, verified) => entries.set(token, verified),
    get size() {
      return entries.size;
    },
  };
}
