'use client';

import { useActionState, useEffect } from 'react';
import { signInWithPassword, type SignInState } from '@/app/_actions/auth';

type InitialError = { error: string; hint: string | null } | null;

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError: InitialError }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInWithPassword, {
    error: initialError?.error ?? null,
    hint: initialError?.hint ?? null,
    email: '',
    redirectTo: null,
  });

  useEffect(() => {
    // A full page load, so the next page (the viewer, say) arrives with its own security headers.
    if (state.redirectTo) window.location.assign(state.redirectTo);
  }, [state.redirectTo]);

  const signingIn = pending || state.redirectTo !== null;
  return (
    <form action={action} className="signin__form" data-testid="signin-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.error ? (
        <div className="alert alert--error" role="alert" data-testid="signin-error">
          <div className="alert__body">
            <span className="alert__title">{state.error}</span>
            {state.hint ? <span className="alert__detail">{state.hint}</span> : null}
          </div>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="signin-email">Email</label>
        <input
          id="signin-email"
          className="input"
          name="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          defaultValue={state.email}
          key={`email-${state.email}`}
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="signin-password">Password</label>
        <input
          id="signin-password"
          className="input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
        />
      </div>
      <button type="submit" className="btn btn--primary btn--block" disabled={signingIn}>
        {signingIn ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
