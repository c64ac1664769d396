// What stays open under a token: WebSocket tunnels and responses still streaming (server-sent
// events, long downloads). A request is checked once, when it arrives; these are checked again
// while they last, so that a sign-out or an expired token ends them too (SPEC §11: within 30 s).
import type { SessionVerifier, VerifiedSession } from './verify';

/** How often open streams are checked against the revocation feed (which the verifier reads every 10 s). */
const RECHECK_MS = 5_000;

interface Closable {
  destroy(): void;
}

export interface OpenStreams {
  /** Closes `stream` when its token expires or is revoked; call the returned function once it has ended. */
  track(stream: Closable, session: VerifiedSession): () => void;
}

interface Entry {
  stream: Closable;
  session: VerifiedSession;
  expiresAt: number;
}

export function createOpenStreams(verifier: SessionVerifier, recheckMs = RECHECK_MS): OpenStreams {
  const open = new Set<Entry>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let wakeAt = Infinity;

  const close = (entry: Entry) => {
    open.delete(entry);
    entry.stream.destroy();
  };

  /** Wakes at `at` at the latest; nothing runs while nothing is open. */
  function wakeBy(at: number): void {
    if (open.size === 0 || at >= wakeAt) return;
    if (timer !== null) clearTimeout(timer);
    wakeAt = at;
    timer = setTimeout(() => void recheck(), Math.max(0, at - Date.now()));
    timer.unref();
  }

  function sleep(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    wakeAt = Infinity;
  }

  async function recheck(): Promise<void> {
    sleep();
    const now = Date.now();
    const checks: Promise<void>[] = [];
    for (const entry of open) {
      if (entry.expiresAt <= now) close(entry);
      // Revoked, or the feed unread for too long: closed, as a new request would be refused.
      else checks.push(verifier.stillValid(entry.session).then((valid) => void (!valid && open.has(entry) && close(entry))));
    }
    await Promise.all(checks);
    let next = Date.now() + recheckMs;
    for (const entry of open) next = Math.min(next, entry.expiresAt);
    wakeBy(next);
  }

  return {
    track(stream, session) {
      const entry: Entry = { stream, session, expiresAt: session.exp * 1000 };
      open.add(entry);
      wakeBy(Math.min(Date.now() + recheckMs, entry.expiresAt));
      // The timer is left to run out rather than cleared: most requests end within milliseconds, and
      // a clear here would make every one of them set and clear a timer. Woken with nothing open, the
      // recheck finds nothing and sets no new one.
      return () => void open.delete(entry);
    },
  };
}
