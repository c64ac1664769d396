'use client';

import { useEffect, useState } from 'react';
import { StateCard, StatusPill } from '@/app/_components/states';
import type { KeeperState } from './session-keeper';

export type ArtifactError = { code: string; message: string };

/** Whole seconds until `at`, ticking once a second. */
function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * The status pill is the viewer's polite live region (role=status): it changes with the session's
 * state, so screen readers hear "Session active", a failure or the switch offer once each, while the
 * countdown ticking inside it is hidden from them.
 */
export function ViewerStatus({ state, hasFrame }: { state: KeeperState; hasFrame: boolean }) {
  const renewIn = useSecondsUntil(state.kind === 'live' ? state.renewAt : null);
  switch (state.kind) {
    case 'minting':
      return <StatusPill state="minting">Opening a session…</StatusPill>;
    case 'live':
      return (
        <StatusPill state="live">
          Session active<span aria-hidden="true"> · renews in {renewIn ?? '…'} s</span>
        </StatusPill>
      );
    case 'switch':
      return <StatusPill state="switch">Switch to {state.orgName} to open this app</StatusPill>;
    case 'not_found':
      return <StatusPill state="not_found">Not found</StatusPill>;
    case 'signed_out':
      return <StatusPill state="signed_out">Signed out · session ended</StatusPill>;
    case 'error':
      return (
        <StatusPill state="error">
          {hasFrame ? 'Session renewal failed' : 'Could not open the app'}
          <span className="visually-hidden">: {problemTitle(state.code)}</span>
        </StatusPill>
      );
  }
}

export function Opening({ title }: { title: string }) {
  return (
    // suppressHydrationWarning: the early script hides it when it has framed the artifact before hydration.
    <div className="frame-shell" data-early-frame="opening" suppressHydrationWarning>
      <div className="frame-placeholder" data-testid="viewer-opening">
        <div>
          <div className="spinner" aria-hidden="true" />
          <p>Opening {title} with your identity…</p>
        </div>
      </div>
    </div>
  );
}

/** The session ended: the app no longer gets the viewer's identity; a full page load signs in again. */
export function SignedOut({ signInHref, compact, guest = false }: { signInHref: string; compact: boolean; guest?: boolean }) {
  const signIn = (
    <a className="btn btn--primary" href={signInHref} data-testid="viewer-sign-in">
      {guest ? 'Sign in' : 'Sign in again'}
    </a>
  );
  if (compact) {
    return (
      <div className="alert alert--warn" role="status" data-testid="viewer-signed-out">
        <div className="alert__body">
          <span className="alert__title">{guest ? 'Your guest access has ended' : 'You are signed out'}</span>
          <span className="alert__detail">
            {guest ? 'The link was revoked or has expired, so this app no longer receives your identity.' : 'Your session has ended, so this app no longer receives your identity.'}
          </span>
        </div>
        <div className="alert__actions">{signIn}</div>
      </div>
    );
  }
  return (
    <StateCard testId="viewer-signed-out" tone="info" icon="⎋" title={guest ? 'Your guest access has ended' : 'You are signed out'} actions={signIn}>
      <p>{guest ? 'The link was revoked or has expired. Ask for a new link, or sign in if you are a member.' : 'Your session has ended. Sign in again to open this app.'}</p>
    </StateCard>
  );
}

export function SwitchPrompt(props: {
  orgName: string;
  compact: boolean;
  pending: boolean;
  error: string | null;
  onSwitch: () => void;
}) {
  const button = (
    <button type="button" className="btn btn--primary" data-testid="switch-org" disabled={props.pending} onClick={props.onSwitch}>
      {props.pending ? 'Switching…' : `Switch to ${props.orgName}`}
    </button>
  );
  const error = props.error ? (
    <p role="alert" className="alert__detail">
      {props.error}
    </p>
  ) : null;
  if (props.compact) {
    return (
      <div className="alert alert--warn" data-testid="switch-prompt">
        <div className="alert__body">
          <span className="alert__title">You are now acting in another organization</span>
          <span className="alert__detail">
            This app belongs to {props.orgName}. Its session can’t be renewed until you switch back.
          </span>
          {error}
        </div>
        <div className="alert__actions">{button}</div>
      </div>
    );
  }
  return (
    <StateCard testId="switch-prompt" tone="info" icon="⇄" title={`This app belongs to ${props.orgName}`} actions={button}>
      <p>You are a member of {props.orgName}, but you are acting in another organization right now.</p>
      <p>Switch to {props.orgName} to open it. You can switch back at any time from the header.</p>
      {error}
    </StateCard>
  );
}

const PROBLEM_TITLES: Record<string, string> = {
  network: 'Can’t reach the gateway',
  rate_limited: 'Too many sessions opened for this app',
  unavailable: 'The gateway is briefly unavailable',
  cross_origin: 'The request was refused',
};

const problemTitle = (code: string) => PROBLEM_TITLES[code] ?? 'Could not open a session for this app';

export function MintProblem({
  state,
  compact,
  onRetry,
}: {
  state: Extract<KeeperState, { kind: 'error' }>;
  compact: boolean;
  onRetry: () => void;
}) {
  const retryIn = useSecondsUntil(state.retryAt);
  const title = problemTitle(state.code);
  // The seconds tick inside live regions: screen readers get a sentence that does not.
  const detail =
    retryIn !== null ? (
      <>
        <span aria-hidden="true">Trying again in {retryIn} s.</span>
        <span className="visually-hidden">Trying again shortly.</span>
      </>
    ) : state.code === 'network' ? (
      'Check your connection.'
    ) : (
      state.detail
    );
  const retry = (
    <button type="button" className="btn btn--secondary" onClick={onRetry}>
      Try again now
    </button>
  );
  if (compact) {
    return (
      <div className="alert alert--error" data-testid="mint-error">
        <div className="alert__body">
          <span className="alert__title" tabIndex={-1} data-view-focus>
            {title}
          </span>
          <span className="alert__detail">The app keeps working until its current session ends. {detail}</span>
        </div>
        <div className="alert__actions">{retry}</div>
      </div>
    );
  }
  return (
    <StateCard testId="mint-error" tone="bad" icon="!" title={title} actions={retry}>
      <p>{detail}</p>
    </StateCard>
  );
}

export function ArtifactErrorBanner(props: {
  title: string;
  error: ArtifactError;
  onDismiss: () => void;
  onRetry: () => void;
}) {
  return (
    <div className="alert alert--error" role="alert" data-testid="artifact-error" data-code={props.error.code}>
      <div className="alert__body">
        <span className="alert__title">{props.title} reported a problem</span>
        <span className="alert__detail">
          {props.error.message} <span className="mono">({props.error.code})</span>
        </span>
      </div>
      <div className="alert__actions">
        <button type="button" className="btn btn--secondary btn--small" onClick={props.onRetry}>
          Send a fresh session
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={props.onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
