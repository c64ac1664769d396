// Follows the revocation feed in the background and answers, without any network, whether a
// verified token is revoked. While the feed cannot be read it goes on with the entries it has for
// a bounded time, then refuses every token (fail closed) until the feed answers again.
import { ArtifactTokenError } from './errors.ts';
import { discoverRevocationEndpoint, FeedError, feedUrl, readFeedPage } from './revocation-feed.ts';
import { createRevocationList, MAX_TOKEN_LIFETIME_SECONDS, type RevocationSubject } from './revocation-list.ts';
import type { RevocationStatus } from './types.ts';

/** Pages read back to back in one poll; the rest waits for the next poll. */
const MAX_PAGES_PER_POLL = 100;

export interface RevocationFollowerOptions {
  issuer: string;
  endpoint: string | undefined;
  pollSeconds: number;
  maxStalenessSeconds: number;
  clockToleranceSeconds: number;
}

export interface RevocationFollower {
  /**
   * Throws `token_revoked` when an entry revokes any of the claim sets (one per way a token can be
   * named: an access token is matched by its resource and by its client), or `revocations_unavailable`;
   * waits for the network only before the first read.
   */
  check(...claims: RevocationSubject[]): Promise<void>;
  status(): RevocationStatus;
  close(): void;
}

export function followRevocations(options: RevocationFollowerOptions): RevocationFollower {
  const list = createRevocationList();
  let endpoint = options.endpoint === undefined ? null : feedUrl(options.endpoint);
  let cursor: string | null = null;
  let syncedAt: number | null = null;
  let lastError: string | null = null;
  let inflight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let started = false;
  let closed = false;

  /** Reads pages until the feed has nothing newer; returns when that read began, or null if pages remain. */
  async function readToEnd(): Promise<number | null> {
    endpoint ??= await discoverRevocationEndpoint(options.issuer);
    for (let page = 0; page < MAX_PAGES_PER_POLL; page++) {
      const began = Date.now();
      const next = await readFeedPage(endpoint, cursor).catch((err: unknown) => {
        // The gateway no longer knows our cursor (e.g. a restored database): read it all again.
        if (!(err instanceof FeedError && err.status === 400 && cursor !== null)) throw err;
        cursor = null;
        return null;
      });
      if (next === null) continue;
      list.add(next.entries);
      const moved = next.cursor !== cursor;
      cursor = next.cursor;
      if (next.entries.length === 0 || !moved) return began;
    }
    return null;
  }

  async function poll(): Promise<void> {
    try {
      const caughtUpAt = await readToEnd();
      if (caughtUpAt !== null) syncedAt = caughtUpAt;
      lastError = caughtUpAt === null ? 'the feed had more pages than one poll reads' : null;
    } catch (err) {
      lastError = err instanceof FeedError ? err.message : 'the revocation feed could not be read';
    }
    list.prune(Math.floor(Date.now() / 1000), MAX_TOKEN_LIFETIME_SECONDS + options.clockToleranceSeconds);
  }

  function pollNow(): Promise<void> {
    inflight ??= poll().finally(() => {
      inflight = null;
      if (!closed) schedule();
    });
    return inflight;
  }

  function schedule(): void {
    timer = setTimeout(() => void pollNow(), options.pollSeconds * 1000);
    (timer as { unref?: () => void }).unref?.(); // never keeps a process alive
  }

  return {
    async check(...claims) {
      if (!started && !closed) {
        started = true;
        void pollNow();
      }
      if (syncedAt === null && inflight) await inflight;
      if (claims.some((c) => list.isRevoked(c))) throw new ArtifactTokenError('token_revoked');
      if (syncedAt === null || Date.now() - syncedAt > options.maxStalenessSeconds * 1000) {
        throw new ArtifactTokenError('revocations_unavailable');
      }
    },
    status: () => ({ syncedAt: syncedAt === null ? null : new Date(syncedAt), entries: list.size, lastError }),
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
