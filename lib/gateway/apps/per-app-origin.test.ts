import { describe, expect, it } from 'vitest';
import { appLabel, appOriginUrl, artifactDomainProblem, labelOfHost, originOf } from './per-app-origin';

describe('app origins', () => {
  it('puts each app on its own origin under the artifact domain', () => {
    expect(appLabel('run_Acme_Dashboard')).toBe('run-acme-dashboard');
    expect(appOriginUrl('apps.localhost:3100', 'run_acme_dashboard')).toBe('http://run-acme-dashboard.apps.localhost:3100/');
    expect(appOriginUrl('https://apps.example.com', 'run_x')).toBe('https://run-x.apps.example.com/');
    expect(originOf('http://run-x.apps.localhost:3100/a/b?c#d')).toBe('http://run-x.apps.localhost:3100');
  });

  it('reads the label back from a Host header, and only under the domain', () => {
    expect(labelOfHost('Run-X.apps.localhost:3100', 'apps.localhost:3100')).toBe('run-x');
    expect(labelOfHost('apps.localhost:3100', 'apps.localhost:3100')).toBeNull();
    expect(labelOfHost('a.b.apps.localhost:3100', 'apps.localhost:3100')).toBeNull();
    expect(labelOfHost('run-x.apps.localhost:3999', 'apps.localhost:3100')).toBeNull();
    expect(labelOfHost('run-x.evil.test', 'apps.localhost:3100')).toBeNull();
    expect(labelOfHost(undefined, 'apps.localhost:3100')).toBeNull();
  });

  it('refuses a domain setting that is not a host', () => {
    expect(artifactDomainProblem('apps.localhost:3100')).toBeNull();
    expect(artifactDomainProblem('https://apps.example.com')).toBeNull();
    expect(artifactDomainProblem('apps.example.com/path')).not.toBeNull();
    expect(artifactDomainProblem('a b')).not.toBeNull();
  });
});
