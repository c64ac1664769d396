/** What the client said it is: its client_id (an app id) and secret, as decoded. */
export type ClientCredentials = { clientId: string; secret: string };

const BASIC = /^Basic ([A-Za-z0-9+/]+={0,2})$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * HTTP Basic client authentication as RFC 6749 §2.3.1 defines it: the client id and the secret are
 * each form-urlencoded (`+` for a space, `%XX` for other bytes) before they are joined with `:` and
 * base64-encoded, so both are decoded after the split. Null when the header is missing or is not
 * well-formed Basic credentials (including bad `%` escapes and non-UTF-8 bytes).
 */
export function parseBasicCredentials(header: string | null): ClientCredentials | null {
  const match = header === null ? null : BASIC.exec(header.trim());
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64');
  if (decoded.toString('base64').replace(/=+$/, '') !== match[1]!.replace(/=+$/, '')) return null; // not canonical base64
  let text: string;
  try {
    text = utf8.decode(decoded);
  } catch {
    return null;
  }
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const clientId = formDecode(text.slice(0, colon));
  const secret = formDecode(text.slice(colon + 1));
  if (!clientId || !secret) return null;
  return { clientId, secret };
}

function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
