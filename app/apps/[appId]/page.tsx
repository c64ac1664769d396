import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { preconnect } from 'react-dom';
import { StatusPill } from '@/app/_components/states';
import { signInUrl } from '@/lib/auth/callback-url';
import { currentViewer } from '@/lib/auth/current-viewer';
import { env } from '@/lib/platform/config/env';
import { findAppForViewer, type ViewerApp } from '@/lib/gateway/apps/viewer-apps';
import { frameableArtifactOrigin } from '@/lib/gateway/apps/frameable-origin';
import { ArtifactMisconfigured, StillBuilding } from './artifact-states';
import { EarlyMint } from './early-mint';
import { Viewer } from './viewer';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ appId: string }> };

const loadApp = cache(async (appId: string): Promise<ViewerApp | null> => {
  const viewer = await currentViewer();
  return viewer ? findAppForViewer(appId, viewer.id) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const app = await loadApp((await params).appId);
  return { title: app?.title ?? 'App' };
}

// GET /apps/{appId} — the viewer: who is looking, which app, and the artifact in a frame
export default async function AppViewerPage({ params }: Props) {
  const { appId } = await params;
  const viewer = await currentViewer();
  if (!viewer) redirect(signInUrl(`/apps/${encodeURIComponent(appId)}`));
  const app = await loadApp(appId);
  if (!app) notFound();

  const artifactOrigin = app.artifactUrl ? frameableArtifactOrigin(app.artifactUrl, env().APP_URL) : null;
  const framed = app.artifactUrl !== null && artifactOrigin !== null;
  if (framed) preconnect(artifactOrigin); // the connection is ready when the first token is
  return (
    <main className="container">
      {/* The page's frame-src: exactly this artifact's origin (the header policy leaves it to this tag). */}
      <meta httpEquiv="Content-Security-Policy" content={`frame-src ${artifactOrigin ?? "'none'"}`} />
      {framed ? <EarlyMint appId={app.id} /> : null}
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href="/">Apps</a>
        <span aria-hidden="true">/</span>
        <span>{app.orgName}</span>
      </nav>
      <header className="app-head">
        <div>
          <h1 data-testid="app-title">{app.title}</h1>
          <dl className="facts">
            <div>
              <dt>Org</dt>
              <dd data-testid="app-org">{app.orgName}</dd>
            </div>
            <div>
              <dt>Workflow</dt>
              <dd data-testid="app-workflow">{app.workflowName}</dd>
            </div>
            <div>
              <dt>Access</dt>
              <dd>{app.access === 'public' ? 'Public' : 'Login required'}</dd>
            </div>
            <div>
              <dt>App id</dt>
              <dd className="mono">{app.id}</dd>
            </div>
          </dl>
        </div>
      </header>
      {app.artifactUrl === null ? (
        <div className="viewer">
          <div className="viewer-toolbar">
            <StatusPill state="building">Still building</StatusPill>
          </div>
          <StillBuilding title={app.title} workflow={app.workflowName} />
        </div>
      ) : artifactOrigin === null ? (
        <ArtifactMisconfigured />
      ) : (
        <Viewer
          appId={app.id}
          title={app.title}
          artifactUrl={app.artifactUrl}
          artifactOrigin={artifactOrigin}
          activeOrgId={viewer.activeOrgId}
        />
      )}
    </main>
  );
}
