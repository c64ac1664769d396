/** Whether an app's artifact is ready to open or still being built. */
export function ArtifactBadge({ ready, title }: { ready: boolean; title?: string }) {
  return (
    <span className={`badge ${ready ? 'badge--ok' : 'badge--warn'}`} title={title}>
      <span className="badge__dot" aria-hidden="true" />
      {ready ? 'Ready' : 'Building'}
    </span>
  );
}
