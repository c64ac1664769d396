// The revocation entries a verifier keeps, indexed so that checking a token is a few map lookups.

/** The claims an entry may name; a token is revoked when every named claim equals the token's. */
export const REVOCATION_CLAIMS = ['sid', 'sub', 'org_id', 'aud'] as const;
type RevocationClaim = (typeof REVOCATION_CLAIMS)[number];

export interface RevocationEntry {
  claims: Partial<Record<RevocationClaim, string>>;
  /** Seconds since the epoch: tokens issued at or before this are revoked. */
  at: number;
}

/** The longest token life the gateway allows (APP_TOKEN_TTL_SECONDS ≤ 3600). */
export const MAX_TOKEN_LIFETIME_SECONDS = 3600;

/** A token as the feed matches it: the claims an entry may name (null when the token lacks one), and `iat`. */
export type RevocationSubject = Record<RevocationClaim, string | null> & { iat: number };

export interface RevocationList {
  add(entries: readonly RevocationEntry[]): void;
  /** Drops entries that can only revoke tokens already expired (issued before `now - maxAgeSeconds`). */
  prune(nowSeconds: number, maxAgeSeconds: number): void;
  isRevoked(token: RevocationSubject): boolean;
  readonly size: number;
}

export function createRevocationList(): RevocationList {
  // Key: the names an entry uses ("sid" or "org_id,sub", …) → the values joined → the latest `at`.
  const byShape = new Map<string, Map<string, number>>();
  let size = 0;

  return {
    add(entries) {
      for (const entry of entries) {
        const names = REVOCATION_CLAIMS.filter((name) => entry.claims[name] !== undefined);
        const shape = names.join(',');
        let index = byShape.get(shape);
        if (!index) byShape.set(shape, (index = new Map()));
        const key = keyOf(names.map((name) => entry.claims[name] as string));
        const previous = index.get(key);
        if (previous === undefined) size += 1;
        if (previous === undefined || entry.at > previous) index.set(key, entry.at);
      }
    },
    prune(nowSeconds, maxAgeSeconds) {
      const oldest = nowSeconds - maxAgeSeconds;
      for (const index of byShape.values()) {
        for (const [key, at] of index) {
          if (at < oldest) {
            index.delete(key);
            size -= 1;
          }
        }
      }
    },
    isRevoked(token) {
      for (const [shape, index] of byShape) {
        if (index.size === 0) continue;
        const values = shape.split(',').map((name) => token[name as RevocationClaim]);
        if (values.some((value) => value === null)) continue; // the token lacks a claim this shape names
        const at = index.get(keyOf(values as string[]));
        if (at !== undefined && token.iat <= at) return true;
      }
      return false;
    },
    get size() {
      return size;
    },
  };
}

// JSON keeps the key unambiguous whatever characters the values contain.
const keyOf = (values: string[]) => JSON.stringify(values);
