import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi';

describe('openApiDocument', () => {
  it('is built once and shared read-only: a caller cannot change what the next request serves', () => {
    const first = openApiDocument();
    expect(openApiDocument()).toBe(first);
    expect(() => {
      (first.info as { title: string }).title = 'changed';
    }).toThrow(TypeError);
    expect(() => (first.servers as { url: string }[]).push({ url: 'https://evil.example' })).toThrow(TypeError);
    expect(openApiDocument().info.title).toBe('App Gateway');
    expect(openApiDocument().servers).toHaveLength(1);
  });
});
