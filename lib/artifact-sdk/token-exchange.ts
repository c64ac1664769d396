// The artifact backend's side of token exchange (SPEC §17, RFC 8693): trade the viewer's app
// session token for an access token to one of the platform's APIs, authenticated as the app.
import { ACCESS_TOKEN_TOKEN_TYPE, JWT_TOKEN_TYPE, TOKEN_EXCHANGE_GRANT } from './protocol.ts';

const FETCH_TIMEOUT_MS = 5_000;

export interface ViewerExchangeOptions {
  /** The gateway origin (its `iss`), e.g. `http://localhost:3000`. */
  issuer: string;
  /** The app's id: its client_id. */
  clientId: string;
  /** A client secret of the app (`agw_cs_…`). Keep it on the server, never in a page. */
  clientSecret: string;
  /** Defaults to `token_endpoint` from `${issuer}/.well-known/oauth-authorization-server`. */
  tokenEndpoint?: string;
}

export interface ViewerExchangeRequest {
  /** The viewer's app session token for this app, as the browser sent it. */
  subjectToken: string;
  /** The resource (platform API) id: the access token's `aud`. */
  resource: string;
  /** The scopes wanted: a space-separated string or a list. */
  scope: string | readonly string[];
}

export interface ViewerAccessToken {
  accessToken: string;
  /** Seconds it lives from now (never past the app session token's expiry). */
  expiresIn: number;
  expiresAt: Date;
  /** The scopes granted. */
  scope: string[];
}

/** Why an exchange failed: `code` is the gateway's RFC 6749 `error` (`invalid_grant`, …), or `exchange_unavailable` when it could not be asked. */
export class TokenExchangeError extends Error {
  override name = 'TokenExchangeError';

  constructor(
    readonly code: string,
    message: string,
    /** The HTTP status the gateway answered; null when it did not answer. */
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface ViewerExchange {
  exchangeForViewer(request: ViewerExchangeRequest): Promise<ViewerAccessToken>;
}

/** An exchanger for one app at one gateway, created once (the token endpoint is discovered once). */
export function createViewerExchange(options: ViewerExchangeOptions): ViewerExchange {
  for (const name of ['issuer', 'clientId', 'clientSecret'] as const) {
    if (typeof options[name] !== 'string' || options[name] === '') throw new TypeError(`createViewerExchange: ${name} is required`);
  }
  // RFC 6749 §2.3.1: each part is form-urlencoded before the pair is base64-encoded.
  const basic = Buffer.from(`${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`).toString('base64');
  let endpoint: Promise<string> | null = options.tokenEndpoint ? Promise.resolve(options.tokenEndpoint) : null;

  return {
    async exchangeForViewer({ subjectToken, resource, scope }) {
      if (typeof subjectToken !== 'string' || subjectToken === '') throw new TokenExchangeError('invalid_request', 'exchangeForViewer: subjectToken is required');
      endpoint ??= discoverTokenEndpoint(options.issuer).catch((err: unknown) => {
        endpoint = null; // ask again next time
        throw err;
      });
      const body = new URLSearchParams({
        grant_type: TOKEN_EXCHANGE_GRANT,
        subject_token: subjectToken,
        subject_token_type: JWT_TOKEN_TYPE,
        requested_token_type: ACCESS_TOKEN_TOKEN_TYPE,
        audience: resource,
        scope: typeof scope === 'string' ? scope : scope.join(' '),
      });
      const response = await post(await endpoint, basic, body);
      const answer = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      if (!response.ok) {
        const code = typeof answer?.error === 'string' ? answer.error : 'exchange_unavailable';
        const description = typeof answer?.error_description === 'string' ? answer.error_description : `The gateway answered HTTP ${response.status}.`;
        throw new TokenExchangeError(code, description, response.status);
      }
      if (typeof answer?.access_token !== 'string' || typeof answer.expires_in !== 'number' || typeof answer.scope !== 'string') {
        throw new TokenExchangeError('exchange_unavailable', 'The gateway answered something that is not a token response.', response.status);
      }
      return {
        accessToken: answer.access_token,
        expiresIn: answer.expires_in,
        expiresAt: new Date(Date.now() + answer.expires_in * 1000),
        scope: answer.scope.split(' ').filter(Boolean),
      };
    },
  };
}

const defaults: { exchange?: ViewerExchange } = {};

/**
 * `createViewerExchange` configured from the environment (`APP_GATEWAY_ISSUER`,
 * `APP_GATEWAY_CLIENT_ID`, `APP_GATEWAY_CLIENT_SECRET`), for backends that keep their secrets there.
 */
export function exchangeForViewer(request: ViewerExchangeRequest): Promise<ViewerAccessToken> {
  defaults.exchange ??= createViewerExchange({
    issuer: process.env.APP_GATEWAY_ISSUER ?? '',
    clientId: process.env.APP_GATEWAY_CLIENT_ID ?? '',
    clientSecret: process.env.APP_GATEWAY_CLIENT_SECRET ?? '',
  });
  return defaults.exchange.exchangeForViewer(request);
}

async function discoverTokenEndpoint(issuer: string): Promise<string> {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/oauth-authorization-server`;
  let metadata: { token_endpoint?: unknown } | null;
  try {
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    metadata = response.ok ? ((await response.json()) as { token_endpoint?: unknown }) : null;
  } catch (cause) {
    throw new TokenExchangeError('exchange_unavailable', 'The gateway’s metadata could not be read.', null, { cause });
  }
  if (typeof metadata?.token_endpoint !== 'string') throw new TokenExchangeError('exchange_unavailable', 'The gateway’s metadata names no token_endpoint.');
  return metadata.token_endpoint;
}

async function post(endpoint: string, basic: string, body: URLSearchParams): Promise<Response> {
  try {
    return await fetch(endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new TokenExchangeError('exchange_unavailable', 'The gateway’s token endpoint could not be reached.', null, { cause });
  }
}

const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
