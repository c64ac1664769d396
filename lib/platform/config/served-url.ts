import type { Env } from './env';

type Listening = Pick<Env, 'PORT' | 'HOSTNAME'>;

/** The address the server really answers on: HOSTNAME (unset or a wildcard = localhost) and PORT. */
export function servedUrl({ PORT, HOSTNAME }: Listening): string {
  const host = !HOSTNAME || HOSTNAME === '0.0.0.0' || HOSTNAME === '::' ? 'localhost' : HOSTNAME.includes(':') ? `[${HOSTNAME}]` : HOSTNAME;
  return `http://${host}:${PORT}`;
}

/**
 * APP_URL names a port the server does not listen on, and no proxy is configured to bridge them:
 * browsers that follow APP_URL (sign-in callbacks, the token issuer, the mint's Origin check) reach
 * nothing, or another server. Said at start; not refused, as a port-forward may still bridge them.
 */
export function appUrlPortMismatch({ APP_URL, PORT, TRUSTED_PROXY_COUNT }: Pick<Env, 'APP_URL' | 'PORT' | 'TRUSTED_PROXY_COUNT'>): string | null {
  if (TRUSTED_PROXY_COUNT > 0) return null;
  const url = new URL(APP_URL);
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  if (port === PORT) return null;
  return `APP_URL ${APP_URL} names port ${port} but the server listens on PORT ${PORT}, with no proxy configured (TRUSTED_PROXY_COUNT=0): set APP_URL to http://localhost:${PORT}, or leave it unset`;
}
