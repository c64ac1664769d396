import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anchorOf, brokenLinks, markdownFiles } from './doc-links';

const repository = path.resolve(import.meta.dirname, '../../..');

describe("the repository's markdown", () => {
  it('has the README, the docs, ARCHITECTURE.md, SECURITY.md and the SDK guide in the check', () => {
    const files = markdownFiles(repository);
    for (const file of ['README.md', 'ARCHITECTURE.md', 'SECURITY.md', 'lib/artifact-sdk/README.md', 'docs/api.md', 'docs/deployment.md']) {
      expect(files).toContain(file);
    }
  });

  it('has no relative link to a missing file, or to a heading its file lacks', () => {
    expect(brokenLinks(repository)).toEqual([]);
  });
});

describe('the link check', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'doc-links-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'docs'));
  writeFileSync(
    path.join(root, 'README.md'),
    [
      '# Title',
      '## `APP_URL` and `X-Forwarded-For` behind the load balancer',
      '## Logs',
      '## Logs',
      'Fine: [b](docs/guide.md#nodes-memory-flag), [c](#logs-1), [d](docs), [e](https://example.com/x.md), [j](<docs/guide.md> "title").',
      'Broken: [a](docs/guide.md#node-s-flag), [f](docs/missing.md), [g](docs/guide.md#nowhere), [h](#logs-2), [i](../outside.md).',
      '```',
      '[in a code block](nowhere.md)',
      '```',
      'In code: `[x](nowhere.md)`; [ref]: docs/gone.md',
      '[ref]: docs/gone.md',
    ].join('\n'),
  );
  writeFileSync(path.join(root, 'docs/guide.md'), "# Guide\n### Node's memory flag\nBack: [readme](../README.md#app_url-and-x-forwarded-for-behind-the-load-balancer)\n");

  it('names each link that leads nowhere, with its line, and ignores code and absolute addresses', () => {
    expect(brokenLinks(root).map(({ file, line, target }) => `${file}:${line} ${target}`)).toEqual([
      'README.md:6 docs/guide.md#node-s-flag',
      'README.md:6 docs/missing.md',
      'README.md:6 docs/guide.md#nowhere',
      'README.md:6 #logs-2',
      'README.md:6 ../outside.md',
      'README.md:11 docs/gone.md',
    ]);
  });

  it("gives a heading GitHub's anchor", () => {
    expect(anchorOf('`APP_URL` and `X-Forwarded-For` behind the load balancer')).toBe('app_url-and-x-forwarded-for-behind-the-load-balancer');
    expect(anchorOf('`POST /v1/app-gateway/{appId}/session`')).toBe('post-v1app-gatewayappidsession');
    expect(anchorOf('The artifact proxy: identity for artifacts that verify nothing')).toBe('the-artifact-proxy-identity-for-artifacts-that-verify-nothing');
    expect(anchorOf('Rotating AUTH_SECRET')).toBe('rotating-auth_secret');
  });
});
