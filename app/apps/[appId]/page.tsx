import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { preconnect } from 'react-dom';
import { StatusPill } from '@/app/_components/states';
import { signInUrl } from '@/lib/auth/callback-url';
import { currentViewer } from '@/lib/auth/current-viewer';
import { guestCookieName } from '@/lib/auth/guest-cookie';
import { env } from '@/lib/platform/config/env';
import { findAppForViewer, type ViewerApp } from '@/lib/gateway/apps/viewer-apps';
import { frameableArtifactOrigin } from '@/lib/gateway/apps/frameable-origin';
import { findGuestView, type GuestView } from '@/lib/gateway/sharing/guest-views';
import { findPublicApp, type PublicApp } from '@/lib/gateway/sharing/public-guests';
import { ArtifactMisconfigured, StillBuilding } from './artifact-states';
import { EarlyMint } from './early-mint';
import { PublicGuestChoice } from './public-guest-choice';
import { Viewer } from './viewer';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ appId: string }> };

/**
 * Who opens the app, in order: a member it is open to (as themselves); a guest whose session for
 * this app is on (SPEC §15); anyone else, when the app is public (they choose how to open it);
 * otherwise sign-in (signed out) or not found.
 */
type Opening =
  | { kind: 'member'; app: ViewerApp; activeOrgId: string | null }
  | { kind: 'guest'; guest: GuestView }
  | { kind: 'public'; app: PublicApp; person: { name: string } | null }
  | { kind: 'none'; signedIn: boolean };

const open = cache(async (appId: string): Promise<Opening> => {
  const viewer = await currentViewer();
  const app = viewer ? await findAppForViewer(appId, viewer.id) : null;
  if (viewer && app) return { kind: 'member', app, activeOrgId: viewer.activeOrgId };
  const guest = await findGuestView(appId, (await cookies()).get(guestCookieName(appId))?.value ?? null);
  if (guest) return { kind: 'guest', guest };
  const publicApp = await findPublicApp(appId);
  if (publicApp) return { kind: 'public', app: publicApp, person: viewer ? { name: viewer.name } : null };
  return { kind: 'none', signedIn: viewer !== null };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const o = await open((await params).appId);
  return { title: o.kind === 'member' || o.kind === 'public' ? o.app.title : o.kind === 'guest' ? o.guest.title : 'App' };
}

// GET /apps/{appId} — the viewer: who is looking, which app, and the artifact in a frame
export default async function AppViewerPage({ params }: Props) {
  const { appId } = await params;
  const o = await open(appId);
  if (o.kind === 'none') {
    if (!o.signedIn) redirect(signInUrl(`/apps/${encodeURIComponent(appId)}`));
    notFound();
  }
  const shown =
    o.kind === 'member'
      ? { id: o.app.id, title: o.app.title, orgName: o.app.orgName, workflowName: o.app.workflowName, artifactUrl: o.app.artifactUrl, access: o.app.access }
      : o.kind === 'guest'
        ? { id: o.guest.appId, title: o.guest.title, orgName: o.guest.orgName, workflowName: o.guest.workflowName, artifactUrl: o.guest.artifactUrl, access: o.guest.via === 'public' ? 'public' : 'login_required' }
        : { id: o.app.id, title: o.app.title, orgName: o.app.orgName, workflowName: o.app.workflowName, artifactUrl: o.app.artifactUrl, access: 'public' };

  const artifactOrigin = shown.artifactUrl ? frameableArtifactOrigin(shown.artifactUrl, env().APP_URL) : null;
  const frame = o.kind !== 'public' && shown.artifactUrl !== null && artifactOrigin !== null ? { artifactUrl: shown.artifactUrl, artifactOrigin } : null;
  if (frame) preconnect(frame.artifactOrigin); // the connection is ready when the first token is
  return (
    <main className="container">
      {/* The page's frame-src: exactly this artifact's origin (the header policy leaves it to this tag). */}
      <meta httpEquiv="Content-Security-Policy" content={`frame-src ${frame ? frame.artifactOrigin : "'none'"}`} />
      {frame ? <EarlyMint appId={shown.id} kind={o.kind === 'guest' ? 'guest' : 'member'} frame={frame} /> : null}
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href="/">Apps</a>
        <span aria-hidden="true">/</span>
        <span>{shown.orgName}</span>
      </nav>
      <header className="app-head">
        <div>
          <h1 data-testid="app-title">{shown.title}</h1>
          <dl className="facts">
            <div>
              <dt>Org</dt>
              <dd data-testid="app-org">{shown.orgName}</dd>
            </div>
            <div>
              <dt>Workflow</dt>
              <dd data-testid="app-workflow">{shown.workflowName}</dd>
            </div>
            <div>
              <dt>Access</dt>
              <dd>{shown.access === 'public' ? 'Public' : 'Login required'}</dd>
            </div>
            {o.kind === 'guest' ? (
              <div>
                <dt>You</dt>
                <dd data-testid="guest-identity">{o.guest.guestName}</dd>
              </div>
            ) : null}
            {o.kind === 'member' && o.app.guest ? (
              <div>
                <dt>You</dt>
                <dd data-testid="guest-identity">Guest (access granted by its admins)</dd>
              </div>
            ) : null}
            <div>
              <dt>App id</dt>
              <dd className="mono">{shown.id}</dd>
            </div>
          </dl>
        </div>
      </header>
      {o.kind === 'public' ? (
        <PublicGuestChoice appId={shown.id} orgName={shown.orgName} person={o.person} />
      ) : shown.artifactUrl === null ? (
        <div className="viewer">
          <div className="viewer-toolbar">
            <StatusPill state="building">Still building</StatusPill>
          </div>
          <StillBuilding title={shown.title} workflow={shown.workflowName} />
        </div>
      ) : artifactOrigin === null ? (
        <ArtifactMisconfigured />
      ) : (
        <Viewer
          appId={shown.id}
          title={shown.title}
          artifactUrl={shown.artifactUrl}
          artifactOrigin={artifactOrigin}
          activeOrgId={o.kind === 'member' ? o.activeOrgId : null}
          guest={o.kind === 'guest'}
        />
      )}
    </main>
  );
}
