import type { Metadata } from 'next';
import { auditSearchString, parseAuditSearch } from '@/lib/gateway/audit/audit-filters';
import { AUDIT_PAGE_SIZE, auditFilterOptions, formatAuditPosition, listAuditEvents } from '@/lib/gateway/audit/audit-log';
import { orgAdminPage } from '../_components/page-guard';
import { AuditFilterForm } from './audit-filter-form';
import { Pager } from '../_components/pager';
import { AuditTable } from './audit-table';

export const metadata: Metadata = { title: 'Audit log' };
type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// GET /admin/audit — every mint and denial of the org, filtered and paginated on the server
export default async function AuditPage({ searchParams }: Props) {
  const admin = await orgAdminPage('/admin/audit');
  const search = parseAuditSearch(await searchParams);
  const options = await auditFilterOptions(admin.orgId);
  const errors = { ...search.errors };
  // Ids come from the URL: only the org's own apps and users can be chosen.
  if (!errors.app && search.filters.appId && !options.apps.some((a) => a.id === search.filters.appId)) {
    errors.app = `Not an app of ${admin.orgName}.`;
  }
  if (!errors.user && search.filters.userId && !options.users.some((u) => u.id === search.filters.userId)) {
    errors.user = `Nobody by that id appears in ${admin.orgName}.`;
  }
  const valid = Object.keys(errors).length === 0;
  const { filters, before } = valid ? search : parseAuditSearch({});
  const { rows, nextBefore } = await listAuditEvents(admin.orgId, filters, before);
  const query = valid ? auditSearchString(search.values) : '';

  return (
    <div className="admin-stack">
      <AuditFilterForm options={options} values={search.values} errors={errors} />
      {valid ? null : (
        <div className="alert alert--warn" role="alert" data-testid="filters-not-applied">
          <div className="alert__body">
            <span className="alert__title">Filters not applied</span>
            <span className="alert__detail">Fix the highlighted filters; meanwhile the newest events are shown.</span>
          </div>
        </div>
      )}
      <div className="pager">
        <span>
          {rows.length === 0 ? 'No events' : `${rows.length} event${rows.length === 1 ? '' : 's'} on this page`} · {AUDIT_PAGE_SIZE} per page ·
          newest first
        </span>
        <div className="pager__links">
          <a className="btn btn--secondary btn--small" href={`/admin/audit/export${query}`} data-testid="audit-export" download>
            Export CSV
          </a>
        </div>
      </div>
      <AuditTable rows={rows} />
      <Pager
        noun="events"
        testIdPrefix="audit"
        before={before}
        newestHref={`/admin/audit${query}`}
        olderHref={nextBefore ? `/admin/audit${auditSearchString(valid ? search.values : {}, formatAuditPosition(nextBefore))}` : null}
      />
    </div>
  );
}
