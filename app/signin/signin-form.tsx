'use client';

import { useActionState, useEffect, type InputHTMLAttributes } from 'react';
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
      <Credential id="signin-email" label="Email" invalid={!!state.error} name="email" type="email" autoComplete="username" autoFocus defaultValue={state.email} key={`email-${state.email}`} />
      <Credential id="signin-password" label="Password" invalid={!!state.error} name="password" type="password" autoComplete="current-password" />
      <button type="submit" className="btn btn--primary btn--block" disabled={signingIn}>
        {signingIn ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** Email or password: required, and marked invalid while the form shows a refusal. */
function Credential({ id, label, invalid, ...input }: { id: string; label: string; invalid: boolean } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} className="input" required aria-invalid={invalid ? true : undefined} {...input} />
    </div>
  );
}
