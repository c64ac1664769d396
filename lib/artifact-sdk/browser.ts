// Browser side of the hand-off (SPEC §5): no framework, no Node imports, no verification —
// the artifact's backend verifies every token it receives.
import { MAX_TOKEN_LENGTH, MESSAGE } from './protocol.ts';

export interface ConnectOptions {
  /** The gateway's exact origin, e.g. `http://localhost:3000`; the only sender accepted. */
  gatewayOrigin: string;
  /** Called for each new token; `exp` is decoded for display only (null if undecodable). */
  onToken: (token: string, exp: Date | null) => void;
  onError?: (error: Error) => void;
  /** How long `requestToken()` waits for the viewer; default 10 000 ms. */
  tokenRequestTimeoutMs?: number;
}

export interface GatewayConnection {
  getToken(): string | null;
  requestToken(): Promise<string>;
  reportError(code: string, message: string): void;
  /** `fetch` with `Authorization: Bearer`, same-origin only; on 401 gets a fresh token and retries once. */
  fetchWithToken(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  /**
   * Calls `callback` when the viewer says the viewer's gateway session ended (sign-out, or a refused
   * renewal): drop what you show about the viewer; no more tokens will come. Called at once if it
   * already ended. Returns a function that unsubscribes.
   */
  onSessionEnded(callback: () => void): () => void;
  /** Stops listening for messages. */
  close(): void;
}

/**
 * Why the helper cannot get a token: `not_framed` when the page is open at top level (not in the
 * gateway's viewer): it then drops any `#app_token=` it was given, since a link can carry someone
 * else's token. Show the person `message` ("Open this app from the gateway.").
 */
export class GatewayConnectionError extends Error {
  override name = 'GatewayConnectionError';
  constructor(
    readonly code: 'not_framed',
    message: string,
  ) {
    super(message);
  }
}

const FRAGMENT_PARAM = 'app_token';
const MAX_ERROR_MESSAGE_LENGTH = 500;
const SESSION_ENDED = 'The viewer’s gateway session has ended.';

export function connectToGateway(options: ConnectOptions): GatewayConnection {
  const gatewayOrigin = new URL(options.gatewayOrigin).origin;
  const timeoutMs = options.tokenRequestTimeoutMs ?? 10_000;
  const framed = window.parent !== window;
  // Always stripped from the address bar; used only once the gateway, as our parent, has answered
  // `ready`: a page opened from a link (or framed by anyone else) never acts on a fragment token.
  let fragmentToken = takeFragmentToken();
  let token: string | null = null;
  let handshakeDone = false;
  let waiters: Array<(token: string) => void> = [];
  let pendingRequest: Promise<string> | null = null;
  let sessionEnded = false;
  let abandonRequest: (() => void) | null = null;
  const endedCallbacks = new Set<() => void>();

  const post = (message: Record<string, unknown>) => {
    if (framed) window.parent.postMessage(message, gatewayOrigin);
  };

  const accept = (next: string) => {
    const isNew = next !== token;
    token = next;
    sessionEnded = false;
    const resolved = waiters;
    waiters = [];
    resolved.forEach((resolve) => resolve(next));
    if (isNew) options.onToken(next, decodeExp(next));
  };

  const onMessage = (event: MessageEvent) => {
    if (!framed || event.origin !== gatewayOrigin || event.source !== window.parent) return;
    const data: unknown = event.data;
    if (isSessionEndedMessage(data)) return endSession();
    if (!handshakeDone) {
      // The gateway answered from its own origin, as our parent: the frame is the viewer's.
      handshakeDone = true;
      const handed = fragmentToken;
      fragmentToken = null;
      if (handed !== null && !isTokenMessage(data)) accept(handed);
    }
    if (isTokenMessage(data)) accept(data.token);
  };

  const endSession = () => {
    if (sessionEnded) return;
    sessionEnded = true;
    token = null;
    abandonRequest?.();
    endedCallbacks.forEach((callback) => callback());
  };
  window.addEventListener('message', onMessage);

  const requestToken = (): Promise<string> => {
    if (sessionEnded) return Promise.reject(new Error(SESSION_ENDED));
    pendingRequest ??= new Promise<string>((resolve, reject) => {
      const giveUp = (message: string) => {
        clearTimeout(timer);
        waiters = waiters.filter((w) => w !== onToken);
        reject(new Error(message));
      };
      const timer = setTimeout(() => giveUp('The gateway did not send a token in time.'), timeoutMs);
      abandonRequest = () => giveUp(SESSION_ENDED);
      const onToken = (next: string) => {
        clearTimeout(timer);
        resolve(next);
      };
      waiters.push(onToken);
      post({ type: MESSAGE.tokenRequest });
    }).finally(() => {
      pendingRequest = null;
      abandonRequest = null;
    });
    return pendingRequest;
  };

  const fetchWithToken = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    assertSameOrigin(input);
    const retryInput = input instanceof Request ? input.clone() : input;
    const baseHeaders = init?.headers ?? (input instanceof Request ? input.headers : undefined);
    const first = await fetch(input, withBearer(init, baseHeaders, token ?? (await requestToken())));
    if (first.status !== 401) return first;
    let fresh: string;
    try {
      fresh = await requestToken();
    } catch {
      return first;
    }
    return fetch(retryInput, withBearer(init, baseHeaders, fresh));
  };

  if (!framed) {
    fragmentToken = null;
    // Deferred so the caller has its connection object before onError runs.
    queueMicrotask(() => options.onError?.(new GatewayConnectionError('not_framed', 'Open this app from the gateway.')));
  }
  post({ type: MESSAGE.ready });

  return {
    getToken: () => token,
    requestToken,
    reportError: (code, message) =>
      post({ type: MESSAGE.error, code, message: message.slice(0, MAX_ERROR_MESSAGE_LENGTH) }),
    fetchWithToken,
    onSessionEnded(callback) {
      endedCallbacks.add(callback);
      if (sessionEnded) queueMicrotask(() => endedCallbacks.has(callback) && callback());
      return () => void endedCallbacks.delete(callback);
    },
    close: () => window.removeEventListener('message', onMessage),
  };
}

/** Reads `#app_token=` and removes it from the address bar and history at once. */
function takeFragmentToken(): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get(FRAGMENT_PARAM);
  if (token === null) return null;
  params.delete(FRAGMENT_PARAM);
  const rest = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return isPlausibleToken(token) ? token : null;
}

function isTokenMessage(data: unknown): data is { type: typeof MESSAGE.token; token: string } {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as { type?: unknown; token?: unknown };
  return message.type === MESSAGE.token && typeof message.token === 'string' && isPlausibleToken(message.token);
}

function isSessionEndedMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === MESSAGE.sessionEnded;
}

function isPlausibleToken(token: string): boolean {
  return token.length > 0 && token.length <= MAX_TOKEN_LENGTH && token.split('.').length === 3;
}

// The token is for this artifact's own backend; never hand it to another origin.
function assertSameOrigin(input: RequestInfo | URL): void {
  const url = input instanceof Request ? input.url : input instanceof URL ? input.href : input;
  if (new URL(url, location.href).origin !== location.origin) {
    throw new TypeError('fetchWithToken only sends the token to this artifact’s own origin.');
  }
}

function withBearer(init: RequestInit | undefined, baseHeaders: HeadersInit | undefined, token: string): RequestInit {
  const headers = new Headers(baseHeaders);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

function decodeExp(token: string): Date | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}
