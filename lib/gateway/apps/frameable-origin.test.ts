import { describe, expect, it } from 'vitest';
import { artifactUrlWithToken, frameableArtifactOrigin } from './frameable-origin';

describe('frameableArtifactOrigin', () => {
  it.each([
    ['http://run-x.apps.localhost:3100/', 'http://localhost:3000', 'http://run-x.apps.localhost:3100'],
    ['http://run-x.proxy.localhost:3200/', 'http://localhost:3000', 'http://run-x.proxy.localhost:3200'],
    ['http://127.0.0.1:3100/x/', 'http://localhost:3000', 'http://127.0.0.1:3100'],
    ['https://run-x.artifacts.example.net/', 'https://gateway.example.com', 'https://run-x.artifacts.example.net'],
  ])('frames %s from %s', (url, gateway, origin) => {
    expect(frameableArtifactOrigin(url, gateway)).toBe(origin);
  });

  it.each([
    ['http://localhost:3100/apps/x/', 'http://localhost:3000'], // same host, other port: same site
    ['https://apps.example.com/x/', 'https://gateway.example.com'], // same registrable domain
    ['https://example.com/x/', 'https://gateway.example.com'],
    ['javascript:alert(1)', 'http://localhost:3000'],
    ['data:text/html,hi', 'http://localhost:3000'],
    ['https://user:pw@artifacts.example.net/', 'https://gateway.example.com'],
    ['not a url', 'http://localhost:3000'],
  ])('refuses %s for %s', (url, gateway) => {
    expect(frameableArtifactOrigin(url, gateway)).toBeNull();
  });
});

describe('artifactUrlWithToken', () => {
  it('puts the token in the fragment only, replacing any fragment', () => {
    const url = new URL(artifactUrlWithToken('http://run-x.apps.localhost:3100/?v=2#old', 'aaa.bbb.ccc'));
    expect(url.search).toBe('?v=2');
    expect(url.hash).toBe('#app_token=aaa.bbb.ccc');
  });
});
