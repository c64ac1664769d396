/** "2026-11-29 23:05:12 UTC": the same text on the server and in the browser, whatever their time zones. */
export function formatUtc(at: Date | string | number): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '—';
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function Time({ at, fallback = '—' }: { at: Date | string | number | null; fallback?: string }) {
  if (at === null) return <span className="muted">{fallback}</span>;
  const date = new Date(at);
  return (
    <time dateTime={date.toISOString()} className="nowrap">
      {formatUtc(date)}
    </time>
  );
}
