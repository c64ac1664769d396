import { describe, expect, it } from 'vitest';
import { appUrlPortMismatch, servedUrl } from './served-url';

describe('servedUrl', () => {
  it('names localhost for every interface, else the bound address', () => {
    expect(servedUrl({ PORT: 3555, HOSTNAME: undefined })).toBe('http://localhost:3555');
    expect(servedUrl({ PORT: 3555, HOSTNAME: '0.0.0.0' })).toBe('http://localhost:3555');
    expect(servedUrl({ PORT: 80, HOSTNAME: '127.0.0.1' })).toBe('http://127.0.0.1:80');
    expect(servedUrl({ PORT: 3000, HOSTNAME: '::1' })).toBe('http://[::1]:3000');
  });
});

describe('appUrlPortMismatch', () => {
  it('says so when APP_URL names another port and no proxy is configured', () => {
    expect(appUrlPortMismatch({ APP_URL: 'http://localhost:3000', PORT: 3555, TRUSTED_PROXY_COUNT: 0 })).toMatch(/APP_URL http:\/\/localhost:3000 names port 3000 but the server listens on PORT 3555/);
    expect(appUrlPortMismatch({ APP_URL: 'https://gateway.example', PORT: 3000, TRUSTED_PROXY_COUNT: 0 })).toMatch(/names port 443/);
  });

  it('is quiet when the ports agree or a proxy bridges them', () => {
    expect(appUrlPortMismatch({ APP_URL: 'http://localhost:3555', PORT: 3555, TRUSTED_PROXY_COUNT: 0 })).toBeNull();
    expect(appUrlPortMismatch({ APP_URL: 'http://gateway.test', PORT: 80, TRUSTED_PROXY_COUNT: 0 })).toBeNull();
    expect(appUrlPortMismatch({ APP_URL: 'https://gateway.example', PORT: 3000, TRUSTED_PROXY_COUNT: 1 })).toBeNull();
  });
});
