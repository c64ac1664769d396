import { managementRoute } from '@/lib/auth/management-route';
import { orgAuditEvents } from '@/lib/gateway/management/org-audit';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodsNotAllowed } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /v1/orgs/{orgId}/audit?after=&limit= — the org's audit events after a cursor (never skips a late commit)
export const GET = managementRoute('/v1/orgs/{orgId}/audit', 'audit:read', async (caller, _params, req) =>
  managementAnswer(await orgAuditEvents(caller, new URL(req.url).searchParams)),
);

// Any other method on the audit log — 405 with Allow: GET
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed('GET');
