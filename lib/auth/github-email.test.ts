import { describe, expect, it } from 'vitest';
import { verifiedExternalEmail, verifiedPrimaryGitHubEmail } from './github-email';

// Shaped as GitHub's REST API answers GET /user/emails (docs.github.com/rest/users/emails).
const recorded = {
  primaryVerified: [
    { email: 'octocat@github.com', primary: true, verified: true, visibility: 'public' },
    { email: 'octocat@users.noreply.github.com', primary: false, verified: true, visibility: null },
  ],
  primaryUnverifiedSecondaryVerified: [
    { email: 'alice@acme.test', primary: true, verified: false, visibility: 'private' },
    { email: 'mallory@example.test', primary: false, verified: true, visibility: null },
  ],
  verifiedButNotPrimary: [{ email: 'alice@acme.test', primary: false, verified: true, visibility: null }],
  noPrimary: [
    { email: 'a@example.test', primary: false, verified: false, visibility: null },
    { email: 'b@example.test', primary: false, verified: true, visibility: null },
  ],
  // What GitHub answers when the token lacks the user:email scope.
  scopeMissing: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user', status: '404' },
  verifiedAsString: [{ email: 'alice@acme.test', primary: true, verified: 'true', visibility: 'private' }],
  notAnEmail: [{ email: 'not an email', primary: true, verified: true, visibility: 'private' }],
};

describe('verifiedPrimaryGitHubEmail', () => {
  it('takes the primary email when GitHub says it is verified', () => {
    expect(verifiedPrimaryGitHubEmail(recorded.primaryVerified)).toBe('octocat@github.com');
  });

  it.each([
    ['an unverified primary, even beside a verified secondary', recorded.primaryUnverifiedSecondaryVerified],
    ['a verified email that is not the primary', recorded.verifiedButNotPrimary],
    ['no primary at all', recorded.noPrimary],
    ['an empty list', []],
    ['the error GitHub answers without the user:email scope', recorded.scopeMissing],
    ['a verified flag that is not a boolean', recorded.verifiedAsString],
    ['a primary that is not an email address', recorded.notAnEmail],
    ['no answer (network failure)', null],
  ])('trusts nothing for %s', (_what, payload) => {
    expect(verifiedPrimaryGitHubEmail(payload)).toBeNull();
  });
});

describe('verifiedExternalEmail', () => {
  // The GitHub profile (GET /user) carries a public email but nothing about its verification.
  const githubProfile = { login: 'mallory', id: 1, email: 'alice@acme.test', name: 'Not Alice' };

  it('ignores the GitHub profile’s email: only a verified primary from /user/emails counts', () => {
    expect(verifiedExternalEmail('github', githubProfile, recorded.primaryUnverifiedSecondaryVerified)).toBeNull();
    expect(verifiedExternalEmail('github', githubProfile, null)).toBeNull();
    expect(verifiedExternalEmail('github', { ...githubProfile, email: null }, recorded.primaryVerified)).toBe('octocat@github.com');
  });

  it('takes an OIDC email only with email_verified: true', () => {
    expect(verifiedExternalEmail('oidc', { email: 'dana@acme-sso.test', email_verified: true }, null)).toBe('dana@acme-sso.test');
    expect(verifiedExternalEmail('oidc', { email: 'alice@acme.test', email_verified: false }, null)).toBeNull();
    expect(verifiedExternalEmail('oidc', { email: 'alice@acme.test', email_verified: 'true' }, null)).toBeNull();
    expect(verifiedExternalEmail('oidc', { email: 'alice@acme.test' }, null)).toBeNull();
  });
});
