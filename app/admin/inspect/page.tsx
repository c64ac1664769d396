import type { Metadata } from 'next';
import { orgAdminPage } from '../_components/page-guard';
import { InspectForm } from './inspect-form';

export const metadata: Metadata = { title: 'Token inspector' };
// GET /admin/inspect — paste a token, see every check with its reason
export default async function InspectPage() {
  await orgAdminPage('/admin/inspect');
  return <InspectForm />;
}
