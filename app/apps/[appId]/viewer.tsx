'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { switchActiveOrg } from '@/app/_actions/org';
import { onSignOutElsewhere } from '@/app/_components/session-channel';
import { AppNotFound } from '@/app/_components/states';
import { RequestAccess } from './request-access';
import { MESSAGE } from '@/lib/artifact-sdk/protocol';
import { signInUrl } from '@/lib/auth/callback-url';
import { artifactUrlWithToken } from '@/lib/gateway/apps/frameable-origin';
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
  // Set from the first token and never changed: later tokens go by postMessage.
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
        if (first) setFrameSrc((src) => src ?? artifactUrlWithToken(artifactUrl, token.token));
        else postToken(frameRef.current, token, artifactOrigin);
      },
      onState(next) {
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
      {hasFrame ? (
        <div className="frame-shell">
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
            src={frameSrc}
            title={title}
            sandbox="allow-scripts allow-same-origin allow-forms allow-popups"
            allow=""
            referrerPolicy="no-referrer"
          />
        </div>
      ) : state.kind === 'minting' ? (
        <Opening title={title} />
      ) : null}
    </section>
  );
}
