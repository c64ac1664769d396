import { handlers } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

// GET|POST /api/auth/* — next-auth: csrf, sign-in callbacks, session, sign-out
export const { GET, POST } = handlers;
