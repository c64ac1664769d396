import { z } from 'zod';

/** One entry of GitHub's `GET /user/emails`. */
const GitHubEmail = z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() });
type GitHubEmail = z.infer<typeof GitHubEmail>;

const GITHUB_EMAILS_URL = 'https://api.github.com/user/emails';

/**
 * The email GitHub vouches for: the account's primary email, and only when GitHub says it is
 * verified. Anything else (no primary, an unverified primary, a payload of another shape) is null:
 * no account linking and no domain auto-join on it. The profile's public `email` is not trusted.
 */
export function verifiedPrimaryGitHubEmail(emails: unknown): string | null {
  const parsed = z.array(z.unknown()).safeParse(emails);
  if (!parsed.success) return null;
  const entries = parsed.data.flatMap((e) => {
    const one = GitHubEmail.safeParse(e);
    return one.success ? [one.data] : [];
  });
  const primary = entries.find((e) => e.primary);
  const email = primary?.verified ? primary.email.trim() : '';
  return email && z.email().safeParse(email).success ? email : null;
}

/** `GET https://api.github.com/user/emails` with the user's access token; null when GitHub does not answer with a list. */
export async function fetchGitHubEmails(accessToken: string): Promise<unknown> {
  try {
    const res = await fetch(GITHUB_EMAILS_URL, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'app-gateway', 'x-github-api-version': '2022-11-28' },
      signal: AbortSignal.timeout(5000),
    });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

/**
 * The verified email of an external sign-in, or null: for GitHub, its verified primary email from
 * `/user/emails` (the profile's `email` says nothing about verification); for OIDC, the profile's
 * email when the provider says `email_verified: true`.
 */
export function verifiedExternalEmail(provider: string, profile: { email?: string | null; email_verified?: unknown } | undefined, githubEmails: unknown): string | null {
  if (provider === 'github') return verifiedPrimaryGitHubEmail(githubEmails);
  const email = (profile?.email ?? '').trim();
  return email && profile?.email_verified === true ? email : null;
}
