import type { ViewerApp } from '@/lib/gateway/apps/viewer-apps';
import { ArtifactBadge } from './artifact-badge';

export function AppCard({ app }: { app: ViewerApp }) {
  const ready = app.artifactUrl !== null;
  // A plain link, not next/link: the viewer needs a full page load to get its own frame-src policy.
  const href = `/apps/${encodeURIComponent(app.id)}`;
  return (
    <li className="app-card" data-testid="app-card" data-app-id={app.id}>
      <div className="app-card__badges">
        <ArtifactBadge ready={ready} />
        <span className="badge">{app.access === 'public' ? 'Public' : 'Login required'}</span>
      </div>
      <h3 className="app-card__title">
        <a href={href}>{app.title}</a>
      </h3>
      <div className="app-card__meta">
        <span>Workflow: {app.workflowName}</span>
        <span>Org: {app.orgName}</span>
      </div>
      <div className="app-card__foot">
        <span className="app-card__id" title={app.id}>
          {app.id}
        </span>
        <a className="btn btn--secondary btn--small" href={href} aria-label={`Open ${app.title}`}>
          Open
        </a>
      </div>
    </li>
  );
}
