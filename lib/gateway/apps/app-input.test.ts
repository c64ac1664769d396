import { describe, expect, it } from 'vitest';
import { fieldErrorsOf } from '@/lib/ui/forms/action-state';
import { appInputSchema } from './app-input';
import { newAppId } from './new-app-id';

const schema = appInputSchema('http://localhost:3000');
const good = { title: ' Sales ', workflowId: 'wf_acme_reports', artifactUrl: 'http://run-x.apps.localhost:3100/', access: 'login_required' };
const errorsOf = (input: Record<string, string>) => {
  const r = schema.safeParse(input);
  return r.success ? {} : fieldErrorsOf(r.error);
};

describe('appInputSchema', () => {
  it('accepts a good app, trims the title, and normalizes the URL', () => {
    expect(schema.parse(good)).toEqual({ ...good, title: 'Sales', hosting: 'artifact_url', upstreamUrl: null });
    expect(schema.parse({ ...good, artifactUrl: 'https://ARTIFACTS.example.com' }).artifactUrl).toBe('https://artifacts.example.com/');
  });

  it('takes an empty artifact URL as "still building"', () => {
    expect(schema.parse({ ...good, artifactUrl: '  ' }).artifactUrl).toBeNull();
  });

  it.each([
    ['javascript:alert(1)', /Only http/],
    ['ftp://files.example.com/x', /Only http/],
    ['not a url', /Enter a full URL/],
    ['https://user:pw@artifacts.example.com/', /user name or password/],
    ['http://localhost:3100/x/', /different site from the gateway/],
  ])('refuses the artifact URL %s', (artifactUrl, message) => {
    expect(errorsOf({ ...good, artifactUrl }).artifactUrl).toMatch(message);
  });

  it('refuses a subdomain of the gateway’s own site', () => {
    const r = appInputSchema('https://gateway.example.com').safeParse({ ...good, artifactUrl: 'https://artifacts.example.com/x/' });
    expect(r.success).toBe(false);
    expect(appInputSchema('https://gateway.example.com').safeParse({ ...good, artifactUrl: 'https://example-artifacts.net/x/' }).success).toBe(true);
  });

  it('keeps only the chosen hosting’s URL: an upstream for the artifact proxy', () => {
    const proxied = schema.parse({ ...good, hosting: 'proxy', upstreamUrl: 'http://127.0.0.1:3201' });
    expect(proxied).toMatchObject({ hosting: 'proxy', artifactUrl: null, upstreamUrl: 'http://127.0.0.1:3201/' });
    expect(errorsOf({ ...good, hosting: 'proxy', upstreamUrl: 'ftp://x/' }).upstreamUrl).toMatch(/http/);
    expect(errorsOf({ ...good, hosting: 'proxy', upstreamUrl: 'http://10.0.0.7/?a=1' }).upstreamUrl).toMatch(/query/);
    expect(errorsOf({ ...good, hosting: 'elsewhere' }).hosting).toMatch(/how the artifact is served/);
  });

  it('names a bad URL together with the other bad fields', () => {
    expect(Object.keys(errorsOf({ title: '', workflowId: '', artifactUrl: 'javascript:x', access: 'login_required' })).sort()).toEqual(['artifactUrl', 'title', 'workflowId']);
    expect(Object.keys(errorsOf({ title: '', workflowId: 'wf', hosting: 'proxy', upstreamUrl: 'nope', access: 'x' })).sort()).toEqual(['access', 'title', 'upstreamUrl']);
  });

  it('names each bad field', () => {
    expect(errorsOf({ title: '', workflowId: '', artifactUrl: '', access: 'everyone' })).toEqual({
      title: 'Give the app a title.',
      workflowId: 'Choose a workflow.',
      access: 'Choose who can open the app.',
    });
    expect(errorsOf({ ...good, title: 'x'.repeat(201), workflowId: 'wf acme' })).toEqual({
      title: 'Keep the title under 200 characters.',
      workflowId: 'Choose a workflow from the list.',
    });
  });
});

describe('newAppId', () => {
  it('is run_ + 22 base62 characters, different every time', () => {
    const ids = new Set(Array.from({ length: 200 }, newAppId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^run_[0-9A-Za-z]{22}$/);
  });
});
