import { describe, expect, it } from 'vitest';
import { readJson } from './json-body';

const req = (body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
const readJsonBody = async (r: Request, limit: number) => {
  const read = await readJson(r, limit);
  return read.ok ? read.json : read;
};
const code = async (p: Promise<unknown>) => {
  const v = (await p) as { ok?: boolean; code?: string };
  return v?.ok === false ? v.code : 'ok';
};

describe('readJson', () => {
  it('parses JSON and treats an empty body as {}', async () => {
    expect(await readJsonBody(req('{"a":1}'), 4096)).toEqual({ a: 1 });
    expect(await readJsonBody(req(''), 4096)).toEqual({});
    expect(await readJsonBody(req(null, {}), 4096)).toEqual({});
    expect(await readJsonBody(req('{}', { 'content-type': 'application/json; charset=utf-8' }), 4096)).toEqual({});
  });
  it('refuses other content types with 415, even when empty', async () => {
    expect(await code(readJsonBody(req('{}', { 'content-type': 'text/plain' }), 4096))).toBe('unsupported_media_type');
    expect(await code(readJsonBody(req('', { 'content-type': 'application/x-www-form-urlencoded' }), 4096))).toBe('unsupported_media_type');
    expect(await code(readJsonBody(req('{}', { 'content-type': 'application/jsonp' }), 4096))).toBe('unsupported_media_type');
  });
  it('refuses more than the limit, by declared length and by streamed length', async () => {
    expect(await code(readJsonBody(req('x'.repeat(4097)), 4096))).toBe('payload_too_large');
    const stream = new ReadableStream({
      pull(c) {
        c.enqueue(new TextEncoder().encode('x'.repeat(1024)));
      },
    });
    expect(await code(readJsonBody(req(stream), 4096))).toBe('payload_too_large');
  });
  it('refuses invalid JSON and invalid UTF-8 with 400', async () => {
    expect(await code(readJsonBody(req('{'), 4096))).toBe('invalid_request');
    expect(await code(readJsonBody(req(new Uint8Array([0x7b, 0xff, 0x7d])), 4096))).toBe('invalid_request');
  });
});
