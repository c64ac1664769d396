'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useLayoutEffect, useRef, useState, useTransition } from 'react';
import { switchActiveOrg } from '@/app/_actions/org';
import { onSignOutElsewhere } from '@/app/_components/session-channel';
import { AppNotFound } from '@/app/_components/states';
import { RequestAccess } from './request-access';
import { MESSAGE } from '@/lib/artifact-sdk/protocol';
import { signInUrl } from '@/lib/auth/callback-url';
import { artifactUrlWithToken } from '@/lib/gateway/apps/frameable-origin';
import { releaseEarlyFrame } from './early-mint-slot';
import { mintAppToken } from './mint-client';
import { createSessionKeeper, GUEST_RENEW_MS, type AppToken, type KeeperState, type SessionKeeper } from './session-keeper';
import { useViewFocus } from './use-view-focus';
import { ArtifactErrorBanner, MintProblem, Opening, SignedOut, SwitchPrompt, ViewerStatus, type ArtifactError } from './viewer-parts';

type Props = {
  appId: string;
  title: string;
  artifactUrl: string;
  /** The exact origin the frame is loaded from: the only one messages are sent to or accepted from. */
  artifactOrigin: string;
  activeOrgId: string | null;
  /** A guest's viewer (SPEC §15): mints with the app's guest cookie, and a sign-out elsewhere is not its end. */
  guest?: boolean;
};

const clip = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');

function postToken(frame: HTMLIFrameElement | null, token: AppToken, artifactOrigin: string) {
  frame?.contentWindow?.postMessage(
    { type: MESSAGE.token, token: token.token, exp: token.exp, expires_in: token.expiresIn },
    artifactOrigin,
  );
}

function postSessionEnded(frame: HTMLIFrameElement | null, artifactOrigin: string) {
  frame?.contentWindow?.postMessage({ type: MESSAGE.sessionEnded }, artifactOrigin);
}

/**
 * Mints a token, loads the artifact at `<artifactUrl>#app_token=<jwt>` once, then keeps it fresh by
 * message (the frame is never reloaded), and answers the artifact's ready / token-request / error.
 * The page's inline script (EarlyMint) usually got there first: it made the first mint, whose
 * response the keeper reads, and loaded the frame (rendered empty and hidden while minting) with
 * that token before this code ran; then the frame is not loaded again, and the script stops
 * answering the frame as soon as this code has the token.
 * When the session ends (a 401, or a sign-out in any tab of this browser) it tells the artifact,
 * stops renewing, and offers to sign in again; the frame stays so the artifact can say so too.
 */
export function Viewer({ appId, title, artifactUrl, artifactOrigin, activeOrgId, guest = false }: Props) {
  const router = useRouter();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const keeperRef = useRef<SessionKeeper | null>(null);
  const tokenRef = useRef<AppToken | null>(null);
  const endedRef = useRef(false);
  const orgRef = useRef(activeOrgId);
  // The artifact said ready before the keeper had its first token (the early script framed it): answered with that token.
  const readyPendingRef = useRef(false);
  // Set from the first token and never changed: later tokens go by postMessage. Never a prop of the
  // frame: the layout effect below gives it to a frame that has no address yet (the early script's has one).
  const [frameSrc, setFrameSrc] = useState<string | null>(null);
  const [state, setState] = useState<KeeperState>({ kind: 'minting' });
  const [artifactError, setArtifactError] = useState<ArtifactError | null>(null);
  const [switchError, setSwitchError] = useState<string | null>(null);
  const [switching, startSwitch] = useTransition();

  useEffect(() => {
    const keeper = createSessionKeeper({
      appId,
      mint: (id) => mintAppToken(id, guest ? 'guest' : 'member'),
      ...(guest ? { renewAtMostMs: GUEST_RENEW_MS } : {}),
      onToken(token, first) {
        tokenRef.current = token;
        releaseEarlyFrame();
        if (first) setFrameSrc((src) => src ?? artifactUrlWithToken(artifactUrl, token.token));
        if (!first || readyPendingRef.current) postToken(frameRef.current, token, artifactOrigin);
        readyPendingRef.current = false;
      },
      onState(next) {
        if (next.kind !== 'minting') releaseEarlyFrame();
        setState(next);
        if (next.kind === 'not_found' || next.kind === 'signed_out') tokenRef.current = null;
        if (next.kind === 'not_found') setFrameSrc(null);
        if (next.kind === 'signed_out') {
          endedRef.current = true;
          postSessionEnded(frameRef.current, artifactOrigin);
        }
      },
    });
    keeperRef.current = keeper;
    void keeper.refresh();
    const stopListening = guest ? () => {} : onSignOutElsewhere(() => keeper.end());
    const onVisibility = () => document.visibilityState === 'visible' && keeper.wake();
    const onFocus = () => keeper.wake();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('focus', onFocus);
    return () => {
      keeper.stop();
      stopListening();
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('focus', onFocus);
    };
  }, [appId, artifactUrl, artifactOrigin, guest]);

  // Only the artifact's own window, from its exact origin, is listened to.
  useEffect(() => {
    function onMessage(event: MessageEvent) {
      const frame = frameRef.current;
      if (!frame?.contentWindow || event.source !== frame.contentWindow || event.origin !== artifactOrigin) return;
      const message: unknown = event.data;
      if (typeof message !== 'object' || message === null) return;
      const { type, code, message: text } = message as Record<string, unknown>;
      if (endedRef.current && (type === MESSAGE.ready || type === MESSAGE.tokenRequest)) {
        postSessionEnded(frame, artifactOrigin); // no token after the session ended, only the reason
      } else if (type === MESSAGE.ready) {
        setArtifactError(null);
        if (tokenRef.current) postToken(frame, tokenRef.current, artifactOrigin);
        else readyPendingRef.current = true;
      } else if (type === MESSAGE.tokenRequest) {
        keeperRef.current?.requestFresh();
      } else if (type === MESSAGE.error) {
        setArtifactError({ code: clip(code, 64) || 'error', message: clip(text, 500) || 'The app reported an error.' });
      }
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [artifactOrigin]);

  // The active org changed elsewhere (the header's switcher): find out at once whether we may still mint.
  useEffect(() => {
    if (orgRef.current === activeOrgId) return;
    orgRef.current = activeOrgId;
    void keeperRef.current?.refresh();
  }, [activeOrgId]);

  function switchTo(orgId: string) {
    setSwitchError(null);
    startSwitch(async () => {
      const result = await switchActiveOrg(orgId);
      if (!result.ok) {
        setSwitchError(result.error);
        return;
      }
      orgRef.current = result.orgId; // the refreshed page brings the same org: no second mint
      router.refresh(); // the header's org picker
      await keeperRef.current?.refresh();
    });
  }

  const hasFrame = frameSrc !== null && state.kind !== 'not_found';
  // While minting the frame is there, empty and hidden, for the early script to load; without a token, no frame.
  const frameMounted = hasFrame || state.kind === 'minting';
  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (frame && frameSrc !== null && !frame.hasAttribute('src')) frame.src = frameSrc;
  }, [frameSrc, frameMounted]);
  useViewFocus(sectionRef, `${state.kind}:${hasFrame}`);
  const retry = () => void keeperRef.current?.refresh();
  return (
    <section ref={sectionRef} className="viewer" aria-label={`${title}`}>
      <div className="viewer-toolbar">
        <ViewerStatus state={state} hasFrame={hasFrame} />
        <div className="viewer-toolbar__right">
          <span>
            Served from <span className="mono">{new URL(artifactOrigin).host}</span>
          </span>
          {state.kind === 'live' ? (
            <button type="button" className="btn btn--ghost btn--small" onClick={retry}>
              Renew now
            </button>
          ) : null}
        </div>
      </div>

      {state.kind === 'switch' ? (
        <SwitchPrompt
          orgName={state.orgName}
          compact={hasFrame}
          pending={switching}
          error={switchError}
          onSwitch={() => switchTo(state.orgId)}
        />
      ) : null}
      {state.kind === 'error' ? <MintProblem state={state} compact={hasFrame} onRetry={retry} /> : null}
      {state.kind === 'signed_out' ? <SignedOut signInHref={signInUrl(`/apps/${encodeURIComponent(appId)}`)} compact={hasFrame} guest={guest} /> : null}
      {artifactError && hasFrame && state.kind !== 'signed_out' ? (
        <ArtifactErrorBanner title={title} error={artifactError} onDismiss={() => setArtifactError(null)} onRetry={retry} />
      ) : null}

      {state.kind === 'not_found' ? <AppNotFound requestAccess={guest ? undefined : <RequestAccess appId={appId} />} /> : null}
      {frameMounted ? (
        // suppressHydrationWarning: the early script may have shown the shell and given the frame its address before hydration.
        <div className="frame-shell" hidden={!hasFrame} data-early-frame="shell" suppressHydrationWarning>
          <div className="frame-shell__bar" aria-hidden="true">
            <span className="frame-shell__dots">
              <span />
              <span />
              <span />
            </span>
            <span className="frame-shell__origin">{artifactOrigin}</span>
          </div>
          <iframe
            ref={frameRef}
            data-testid="viewer-frame"
            data-early-frame="frame"
            suppressHydrationWarning
            title={title}
            sandbox="allow-scripts allow-same-origin allow-forms allow-popups"
            allow=""
            referrerPolicy="no-referrer"
          />
        </div>
      ) : null}
      {!hasFrame && state.kind === 'minting' ? <Opening title={title} /> : null}
    </section>
  );
}
