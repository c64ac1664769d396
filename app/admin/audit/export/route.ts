import { requireOrgAdmin } from '@/lib/auth/require-role';
import { env } from '@/lib/platform/config/env';
import { parseAuditSearch } from '@/lib/gateway/audit/audit-filters';
import { auditCsvStream } from '@/lib/gateway/audit/audit-csv';
import { auditFilterOptions } from '@/lib/gateway/audit/audit-log';
import { refusal } from '@/lib/gateway/errors';
import { route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

/** Another site may not make the browser fetch the export (it is read-only, but it is the org's whole log). */
function fromAnotherSite(req: Request): boolean {
  const site = req.headers.get('sec-fetch-site');
  const origin = req.headers.get('origin');
  return (site !== null && site !== 'same-origin' && site !== 'none') || (origin !== null && origin !== env().APP_URL);
}

// GET /admin/audit/export — the org's audit events, with the page's filters, as a CSV download (org admins only)
export const GET = route(async (req) => {
  if (fromAnotherSite(req)) return refusal('cross_origin', 'The export can only be downloaded from the gateway’s own pages.');
  const admin = await requireOrgAdmin();
  if (!admin.ok && admin.reason === 'signed_out') return refusal('unauthenticated', 'Sign in first.');
  if (!admin.ok) return refusal('forbidden', 'Only admins of the organization you are acting in can export its audit log.');

  const search = parseAuditSearch(Object.fromEntries(new URL(req.url).searchParams));
  const options = await auditFilterOptions(admin.orgId);
  const { appId, userId } = search.filters;
  const foreign = (appId && !options.apps.some((a) => a.id === appId)) || (userId && !options.users.some((u) => u.id === userId));
  if (Object.keys(search.errors).length > 0 || foreign) return refusal('invalid_request', 'The filters are not valid; fix them on the audit page.');

  const filename = `audit-${admin.orgId}-${new Date().toISOString().slice(0, 19).replaceAll(':', '')}Z.csv`;
  return new Response(auditCsvStream(admin.orgId, search.filters), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'no-store',
    },
  });
}, '/admin/audit/export');
