import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { listApiTokens } from '@/lib/auth/api-tokens/api-tokens';
import { signInUrl } from '@/lib/auth/callback-url';
import { currentViewer } from '@/lib/auth/current-viewer';
import { TitledPanel } from '@/app/_components/titled-panel';
import { CreateTokenForm } from './create-token-form';
import { TokensTable } from './tokens-table';

export const metadata: Metadata = { title: 'API tokens' };
// GET /settings/tokens — the signed-in user's API tokens: create (secret shown once), list, revoke
export default async function TokensPage() {
  const viewer = await currentViewer();
  if (!viewer?.id) redirect(signInUrl('/settings/tokens'));
  const tokens = await listApiTokens(viewer.id);
  const orgs = viewer.memberships.map((m) => ({ id: m.orgId, name: m.orgName, admin: m.role === 'admin' }));
  return (
    <div className="admin-stack">
      <div className="admin-head">
        <div>
          <p className="eyebrow">Settings</p>
          <h1>API tokens</h1>
          <p>
            Call <span className="mono">POST /v1/app-gateway/&#123;appId&#125;/session</span> from scripts with{' '}
            <span className="mono">Authorization: Bearer agw_…</span>. Each token acts as you, in one organization, with the
            scopes chosen when it was made. For a pipeline, use a service account instead.
          </p>
        </div>
      </div>
      <TitledPanel titleId="new-token-title" title="New token">
        {orgs.length === 0 ? (
          <p className="muted" data-testid="no-org-for-tokens">
            A token is bound to an organization, and you are not a member of any yet.
          </p>
        ) : (
          <CreateTokenForm orgs={orgs} defaultOrgId={viewer.activeOrgId ?? orgs[0]!.id} />
        )}
      </TitledPanel>
      <TokensTable tokens={tokens} />
    </div>
  );
}
