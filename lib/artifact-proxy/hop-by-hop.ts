
/** Headers of one connection (RFC 9110 §7.6.1), never passed on by the proxy in either direction. */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);

const NONE: ReadonlySet<string> = new Set();

/** The headers a message's `Connection` names: hop-by-hop for that message too. */
export function connectionListed(headers: { connection?: string | string[] | undefined }): ReadonlySet<string> {
  const connection = Array.isArray(headers.connection) ? headers.connection.join(',') : headers.connection;
  if (!connection || /^\s*(?:keep-alive|close)\s*$/i.test(connection)) return NONE;
  return new Set(connection.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean));
}
