import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact-stream';

const TOKEN = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c3JfYWxpY2UifQ.c2lnbmF0dXJl';
const MASKED = '*'.repeat(TOKEN.length);

/** What the client receives when the upstream's body arrives in these chunks. */
function relay(chunks: string[]): { out: string; writes: string[] } {
  const r = createRedactor(TOKEN);
  const writes = chunks.map((c) => r.push(Buffer.from(c)).toString());
  writes.push(r.end().toString());
  return { out: writes.join(''), writes };
}

describe('the access token in an upstream answer’s body', () => {
  it('is masked, same length, wherever it is', () => {
    const body = `{"headers":{"x-app-gateway-access-token":"${TOKEN}"},"again":"${TOKEN}${TOKEN}"}`;
    const { out } = relay([body]);
    expect(out).toBe(body.replaceAll(TOKEN, MASKED));
    expect(out.length).toBe(body.length);
  });

  it('is masked when split across chunks, at every split point', () => {
    const body = `before ${TOKEN} after`;
    for (let cut = 1; cut < body.length; cut++) {
      const { out } = relay([body.slice(0, cut), body.slice(cut)]);
      expect(out, `cut at ${cut}`).toBe(`before ${MASKED} after`);
    }
    expect(relay(body.split('')).out).toBe(`before ${MASKED} after`);
  });

  it('holds back nothing that cannot start the token: a stream’s events go out as they come', () => {
    const { writes } = relay(['data: first\n\n', 'data: e\n\n', 'data: ey']);
    expect(writes).toEqual(['data: first\n\n', 'data: e\n\n', 'data: ', 'ey']);
  });

  it('leaves an answer without it as it was, a near miss included', () => {
    const body = `${TOKEN.slice(0, -1)}X and ${TOKEN.slice(1)}`;
    expect(relay([body.slice(0, 30), body.slice(30)]).out).toBe(body);
  });
});
