/** The links under a paged console table: back to the newest rows, and on to older ones when there are more. */
export function Pager({ noun, testIdPrefix, before, newestHref, olderHref }: { noun: string; testIdPrefix: string; before: unknown; newestHref: string; olderHref: string | null }) {
  return (
    <div className="pager" data-testid={`${testIdPrefix}-pager`}>
      <span>{before ? `Older ${noun}` : `Newest ${noun}`}</span>
      <div className="pager__links">
        {before ? (
          <a className="btn btn--secondary btn--small" href={newestHref} data-testid={`${testIdPrefix}-newest`}>
            ← Newest
          </a>
        ) : null}
        {olderHref ? (
          <a className="btn btn--secondary btn--small" href={olderHref} data-testid={`${testIdPrefix}-older`}>
            Older →
          </a>
        ) : null}
      </div>
    </div>
  );
}
