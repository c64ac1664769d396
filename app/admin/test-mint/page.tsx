import type { Metadata } from 'next';
import { env } from '@/lib/platform/config/env';
import { restrictionNote } from '@/lib/gateway/access/rule-words';
import { listOrgApps } from '@/lib/gateway/apps/org-apps';
import { orgAdminPageWith } from '../_components/page-guard';
import { TestMint } from './test-mint';

export const metadata: Metadata = { title: 'Test mint' };

// GET /admin/test-mint — mint a token as yourself through the real endpoint, and verify it
export default async function TestMintPage() {
  const [admin, apps] = await orgAdminPageWith('/admin/test-mint', listOrgApps);
  return (
    <TestMint
      gatewayUrl={env().APP_URL}
      viewerName={admin.viewer.name}
      apps={apps.map((a) => ({ id: a.id, title: a.title, ready: a.artifactUrl !== null, restriction: restrictionNote(a.accessRule, a.listedCount) }))}
    />
  );
}
