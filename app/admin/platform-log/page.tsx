import type { Metadata } from 'next';
import { formatAuditPosition, listAuditEvents, parseAuditPosition } from '@/lib/gateway/audit/audit-log';
import { NO_FILTERS } from '@/lib/gateway/audit/audit-filters';
import { ConsolePage } from '../_components/console-page';
import { platformAdminPage } from '../_components/page-guard';
import { Pager } from '../_components/pager';
import { AuditTable } from '../audit/audit-table';

export const metadata: Metadata = { title: 'Platform log' };

const NOTE = (
  <>
    Refusals of callers who are not signed-in members of the app’s organization: no or invalid credentials, unknown API tokens, outsiders
    probing app ids, cross-site calls, bad requests. Their user agent and workflow id are whatever the caller sent, so an organization’s admins
    never see them in their own log or export.
  </>
);

type Props = { searchParams: Promise<{ before?: string | string[] }> };

// GET /admin/platform-log — denials no org is shown: callers who are not authenticated members of the app's org (platform admins only)
export default async function PlatformLogPage({ searchParams }: Props) {
  await platformAdminPage('/admin/platform-log');
  const raw = (await searchParams).before;
  const before = parseAuditPosition((Array.isArray(raw) ? raw[0] : raw) ?? '');
  const { rows, nextBefore } = await listAuditEvents(null, NO_FILTERS, before);
  return (
    <ConsolePage noteTestId="platform-log-note" lead="Not in any organization’s log." note={NOTE}>
      <AuditTable rows={rows} />
      <Pager noun="events" testIdPrefix="audit" before={before} newestHref="/admin/platform-log" olderHref={nextBefore ? `/admin/platform-log?before=${formatAuditPosition(nextBefore)}` : null} />
    </ConsolePage>
  );
}
