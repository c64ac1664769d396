import { mintAppToken, type MintResult } from './mint-client';

/** A token as the viewer hands it to the artifact. */
export type AppToken = { token: string; exp: string; expiresIn: number };

export type KeeperState =
  | { kind: 'minting' }
  | { kind: 'live'; renewAt: number }
  | { kind: 'switch'; orgId: string; orgName: string }
  | { kind: 'not_found' }
  | { kind: 'signed_out' }
  | { kind: 'error'; code: string; detail: string; retryAt: number | null };

export type SessionKeeper = {
  /** Mints now (joining a mint already under way). */
  refresh(): Promise<void>;
  /** The artifact asked for a token: a fresh one, unless the current one is only seconds old. */
  requestFresh(): void;
  /**
   * The tab came back (shown or focused): renew if the renewal time has passed (timers get
   * throttled in hidden tabs), or if the token is over 15 s old — the mint doubles as the check
   * that the session has not been ended elsewhere.
   */
  wake(): void;
  /** The session ended (signed out in another tab): signed_out, and no mint ever again. */
  end(): void;
  stop(): void;
};

/** Renew at 80% of the token's lifetime. */
const RENEW_FRACTION = 0.8;
const MIN_RENEW_MS = 5_000;
/** A token-request within this long after a mint gets the current token again. */
const REUSE_WINDOW_MS = 2_000;
const MAX_BACKOFF_MS = 60_000;
/** A guest's viewer mints this often: a revoked or expired link shows the signed-out state within 30 s (SPEC §15). */
export const GUEST_RENEW_MS = 15_000;
/** On focus, a token older than this is replaced, which checks the session is still alive. */
const SESSION_CHECK_AFTER_MS = 15_000;

/**
 * Keeps one app session token fresh for the viewer page, without React: mint, schedule the next
 * mint at 80% of `expires_in` (or after `renewAtMostMs`, if sooner), and retry what can be retried
 * (network, 429, 503) with backoff.
 */
export function createSessionKeeper(options: {
  appId: string;
  onToken: (token: AppToken, first: boolean) => void;
  onState: (state: KeeperState) => void;
  mint?: (appId: string) => Promise<MintResult>;
  /**
   * Renew at least this often. A guest's viewer (SPEC §15) has no sign-out in another tab to hear of:
   * its mint is its only check that the link still stands, so it mints every 15 s to show the
   * signed-out state within 30 s of the link's revocation.
   */
  renewAtMostMs?: number;
}): SessionKeeper {
  const mint = options.mint ?? mintAppToken;
  const renewAtMostMs = options.renewAtMostMs ?? Infinity;
  let current: (AppToken & { receivedAt: number; renewAt: number }) | null = null;
  let inflight: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let failures = 0;
  let stopped = false;
  let ended = false;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const later = (ms: number) => {
    clearTimer();
    timer = setTimeout(() => void refresh(), ms);
  };

  async function attempt(): Promise<void> {
    clearTimer();
    if (current === null) options.onState({ kind: 'minting' });
    const result = await mint(options.appId);
    if (stopped || ended) return; // a token minted as the session ended elsewhere is not handed on
    if (result.ok) {
      failures = 0;
      const first = current === null;
      const receivedAt = Date.now();
      const renewIn = Math.min(renewAtMostMs, Math.max(MIN_RENEW_MS, result.expiresIn * 1000 * RENEW_FRACTION));
      current = { token: result.token, exp: result.exp, expiresIn: result.expiresIn, receivedAt, renewAt: receivedAt + renewIn };
      later(renewIn);
      options.onToken({ token: result.token, exp: result.exp, expiresIn: result.expiresIn }, first);
      options.onState({ kind: 'live', renewAt: current.renewAt });
      return;
    }
    if (result.status === 401) {
      end();
    } else if (result.code === 'org_mismatch' && result.orgId && result.orgName) {
      options.onState({ kind: 'switch', orgId: result.orgId, orgName: result.orgName });
    } else if (result.status === 404) {
      current = null;
      options.onState({ kind: 'not_found' });
    } else if (result.status === 0 || result.status === 429 || result.status >= 500) {
      failures += 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 2_500 * 2 ** (failures - 1));
      const wait = Math.min(MAX_BACKOFF_MS, Math.max(result.retryAfterSeconds !== null ? result.retryAfterSeconds * 1000 : 0, backoff));
      later(wait);
      options.onState({ kind: 'error', code: result.code, detail: result.detail, retryAt: Date.now() + wait });
    } else {
      options.onState({ kind: 'error', code: result.code, detail: result.detail, retryAt: null });
    }
  }

  // A 401 or a sign-out elsewhere: the session is over for good on this page (a new sign-in loads a new page).
  function end(): void {
    if (ended || stopped) return;
    ended = true;
    current = null;
    clearTimer();
    options.onState({ kind: 'signed_out' });
  }

  function refresh(): Promise<void> {
    if (stopped || ended) return Promise.resolve();
    inflight ??= attempt().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  return {
    refresh,
    requestFresh() {
      if (inflight || stopped || ended) return; // the mint under way will deliver its token
      if (current && Date.now() - current.receivedAt < REUSE_WINDOW_MS) {
        options.onToken({ token: current.token, exp: current.exp, expiresIn: current.expiresIn }, false);
        return;
      }
      void refresh();
    },
    wake() {
      if (!current) return;
      const now = Date.now();
      if (now >= current.renewAt || now - current.receivedAt >= SESSION_CHECK_AFTER_MS) void refresh();
    },
    end,
    stop() {
      stopped = true;
      clearTimer();
    },
  };
}
