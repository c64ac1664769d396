import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { signInWithProvider } from '@/app/_actions/auth';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { SIGN_IN_LOCKED, SIGN_IN_LOCKED_MESSAGE } from '@/lib/auth/sign-in-throttle';
import { currentViewer } from '@/lib/auth/current-viewer';
import { env } from '@/lib/platform/config/env';
import { DEMO_PASSWORD, demoMemberships, demoOrgs, demoUsers } from '@/lib/gateway/demo/demo-world';
import { DemoPanel, type DemoLogin } from './demo-panel';
import { SignInForm } from './signin-form';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Errors Auth.js reports by redirecting here (?error=...); only our own words are shown.
function providerError(error: string | undefined, code: string | undefined): { error: string; hint: string | null } | null {
  if (!error) return null;
  if (error === 'CredentialsSignin' && code === SIGN_IN_LOCKED) return { error: SIGN_IN_LOCKED_MESSAGE, hint: 'Wait, then sign in again.' };
  if (error === 'CredentialsSignin') return { error: 'That email and password don’t match an account.', hint: 'Check the email and password and try again.' };
  if (error === 'AccessDenied') return { error: 'That account is not allowed to sign in here.', hint: null };
  return { error: 'Sign-in didn’t work this time. Please try again.', hint: null };
}

function demoLogins(): DemoLogin[] {
  const orgName = new Map(demoOrgs.map((o) => [o.id, o.name]));
  return demoUsers.map((u) => ({
    email: u.email,
    name: u.name,
    orgs: demoMemberships
      .filter((m) => m.userId === u.id)
      .map((m) => `${orgName.get(m.orgId)} (${m.role})`)
      .join(', '),
  }));
}

// GET /signin — email + password (when enabled) and any configured single sign-on
export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await currentViewer()) redirect(callbackUrl);

  const e = env();
  const providers = [
    ...(e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID ? [{ id: 'oidc', name: e.AUTH_OIDC_NAME }] : []),
    ...(e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET ? [{ id: 'github', name: 'GitHub' }] : []),
  ];
  const showDemo = e.embedded && e.credentialsEnabled;

  return (
    <main className="signin">
      <div className="signin__grid">
        <section className="card signin__card" aria-labelledby="signin-title">
          <div>
            <p className="eyebrow">App Gateway</p>
            <h1 id="signin-title">Sign in</h1>
            <p className="muted">Open your team’s AI-built apps with a verified identity.</p>
          </div>
          {e.credentialsEnabled ? (
            <SignInForm callbackUrl={callbackUrl} initialError={providerError(first(params.error), first(params.code))} />
          ) : null}
          {providers.length > 0 ? (
            <>
              {e.credentialsEnabled ? <div className="divider">or</div> : null}
              {providers.map((p) => (
                <form key={p.id} action={signInWithProvider}>
                  <input type="hidden" name="provider" value={p.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button type="submit" className="btn btn--secondary btn--block">
                    Continue with {p.name}
                  </button>
                </form>
              ))}
            </>
          ) : null}
          {!e.credentialsEnabled && providers.length === 0 ? (
            <div className="alert alert--warn" role="alert">
              <div className="alert__body">
                <span className="alert__title">No sign-in method is configured</span>
                <span className="alert__detail">Set AUTH_CREDENTIALS, an OIDC issuer or GitHub in the environment.</span>
              </div>
            </div>
          ) : null}
        </section>
        {showDemo ? <DemoPanel logins={demoLogins()} password={DEMO_PASSWORD} /> : null}
      </div>
    </main>
  );
}
