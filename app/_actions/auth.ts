'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { signIn, signOut } from '@/lib/auth/auth';
import { SIGN_IN_LOCKED, SIGN_IN_LOCKED_MESSAGE } from '@/lib/auth/sign-in-throttle';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { env } from '@/lib/platform/config/env';

export type SignInState = {
  error: string | null;
  /** What to do about the error. */
  hint: string | null;
  /** Echoed back so a failed attempt keeps what was typed. */
  email: string;
  /** Set on success: the same-origin path to load next. */
  redirectTo: string | null;
};

/**
 * The email + password form. On success the client does a full page load to `redirectTo`
 * (not a client-side transition), so the next page gets its own Content-Security-Policy.
 */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').trim().slice(0, 320);
  const password = String(form.get('password') ?? '').slice(0, 1024);
  const redirectTo = safeCallbackUrl(form.get('callbackUrl'));
  const fail = (error: string, hint: string | null = 'Check the email and password and try again.'): SignInState => ({ error, hint, email, redirectTo: null });

  if (!env().credentialsEnabled) return fail('Password sign-in is turned off on this gateway.');
  if (!email || !password) return fail('Enter your email and password.');
  try {
    await signIn('credentials', { email, password, redirect: false, redirectTo });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === SIGN_IN_LOCKED) return fail(SIGN_IN_LOCKED_MESSAGE, 'Wait, then sign in again; or use single sign-on if your gateway offers it.');
    if (error instanceof CredentialsSignin) return fail('That email and password don’t match an account.');
    if (error instanceof AuthError) return fail('Sign-in didn’t work this time. Please try again.');
    throw error;
  }
  return { error: null, hint: null, email, redirectTo };
}

/** Single sign-on (OIDC or GitHub), when configured; Auth.js redirects to the provider. */
export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = String(form.get('provider') ?? '');
  const e = env();
  const enabled = new Set<string>();
  if (e.AUTH_OIDC_ISSUER && e.AUTH_OIDC_ID) enabled.add('oidc');
  if (e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET) enabled.add('github');
  if (!enabled.has(provider)) return;
  await signIn(provider, { redirectTo: safeCallbackUrl(form.get('callbackUrl')) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/signin' });
}
