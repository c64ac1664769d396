import { openApiDocument } from '@/lib/platform/http/openapi';
import { methodsNotAllowed, route } from '@/lib/platform/http/route';

export const dynamic = 'force-dynamic';

// GET /v1/openapi.json — the OpenAPI 3.1 description of the public API
export const GET = route(async () => Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } }));

export const { POST } = methodsNotAllowed('GET');
