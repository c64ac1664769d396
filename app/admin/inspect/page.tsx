import type { Metadata } from 'next';
import { requireOrgAdmin } from '@/lib/auth/require-role';
import { refuse } from '../_components/forbidden';
import { InspectForm } from './inspect-form';

export const metadata: Metadata = { title: 'Token inspector' };
export const dynamic = 'force-dynamic';

// GET /admin/inspect — paste a token, see every check with its reason
export default async function InspectPage() {
  const admin = await requireOrgAdmin();
  if (!admin.ok) refuse(admin, '/admin/inspect');
  return <InspectForm />;
}
