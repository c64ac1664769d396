/** The links under an audit table: back to the newest events, and on to older ones when there are more. */
export function AuditPager({ before, newestHref, olderHref }: { before: unknown; newestHref: string; olderHref: string | null }) {
  return (
    <div className="pager" data-testid="audit-pager">
      <span>{before ? 'Older events' : 'Newest events'}</span>
      <div className="pager__links">
        {before ? (
          <a className="btn btn--secondary btn--small" href={newestHref} data-testid="audit-newest">
            ← Newest
          </a>
        ) : null}
        {olderHref ? (
          <a className="btn btn--secondary btn--small" href={olderHref} data-testid="audit-older">
            Older →
          </a>
        ) : null}
      </div>
    </div>
  );
}
