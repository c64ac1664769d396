// The access token the proxy sends up must never come back down (SPEC §17: never sent to the
// browser): an upstream that echoes its request headers in a body would otherwise hand it over.
// Each occurrence in an answer's bytes is overwritten with `*` of the same length (so Content-Length
// still holds), across chunk boundaries: only bytes that could be the start of the token are held
// back until the next chunk shows whether they are, so a stream (server-sent events) is not delayed.

const MASK = 0x2a; // '*'

export interface StreamRedactor {
  /** The bytes that may go out now, the token masked. */
  push(chunk: Buffer): Buffer;
  /** What was held back, at the end of the answer. */
  end(): Buffer;
}

export function createRedactor(secret: string): StreamRedactor {
  const token = Buffer.from(secret, 'utf8');
  let held = Buffer.alloc(0);
  return {
    push(chunk) {
      const bytes = held.length === 0 ? Buffer.from(chunk) : Buffer.concat([held, chunk]);
      for (let at = bytes.indexOf(token); at !== -1; at = bytes.indexOf(token, at + token.length)) bytes.fill(MASK, at, at + token.length);
      const keep = startOfTokenAtEnd(bytes, token);
      held = Buffer.from(bytes.subarray(bytes.length - keep));
      return bytes.subarray(0, bytes.length - keep);
    },
    end() {
      const rest = held;
      held = Buffer.alloc(0);
      return rest;
    },
  };
}

/** The length of the longest end of `bytes` that is a beginning of `token` (shorter than the token). */
function startOfTokenAtEnd(bytes: Buffer, token: Buffer): number {
  for (let at = Math.max(0, bytes.length - token.length + 1); at < bytes.length; at++) {
    if (bytes[at] === token[0] && bytes.subarray(at).equals(token.subarray(0, bytes.length - at))) return bytes.length - at;
  }
  return 0;
}
