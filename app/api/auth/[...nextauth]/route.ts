import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { withHsts } from '@/lib/platform/http/hsts';

export const dynamic = 'force-dynamic';

// GET /api/auth/* — next-auth: csrf token, session, provider list, OAuth callbacks
export const GET = async (req: NextRequest) => withHsts(await handlers.GET(req));

// POST /api/auth/* — next-auth: credentials sign-in, sign-out
export const POST = async (req: NextRequest) => withHsts(await handlers.POST(req));
