import { authorizeManagement } from '@/lib/auth/management-caller';
import { orgAuditEvents } from '@/lib/gateway/management/org-audit';
import { managementAnswer } from '@/lib/platform/http/management-response';
import { methodNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ orgId: string }> };

// GET /v1/orgs/{orgId}/audit?after=&limit= — the org's audit events after a cursor (never skips a late commit)
export const GET = route<Ctx>(async (req, { params }) => {
  const { orgId } = await params;
  const caller = await authorizeManagement(req, orgId, 'audit:read');
  if (!caller.ok) return caller;
  return managementAnswer(await orgAuditEvents(caller, new URL(req.url).searchParams));
}, '/v1/orgs/{orgId}/audit');

// Any other method on the audit log — 405 with Allow: GET
export const POST = methodNotAllowed('GET');
export const PUT = methodNotAllowed('GET');
export const PATCH = methodNotAllowed('GET');
export const DELETE = methodNotAllowed('GET');
