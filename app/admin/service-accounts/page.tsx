import type { Metadata } from 'next';
import { TitledPanel } from '@/app/_components/titled-panel';
import { listServiceAccounts } from '@/lib/gateway/service-accounts/service-accounts';
import { ConsolePage } from '../_components/console-page';
import { orgAdminPageWith } from '../_components/page-guard';
import { CreateServiceAccountForm } from './create-service-account-form';
import { ServiceAccountsTable } from './service-accounts-table';

export const metadata: Metadata = { title: 'Service accounts' };

// GET /admin/service-accounts — the org's service accounts: create one (its token shown once), issue a second token, revoke
export default async function ServiceAccountsPage() {
  const [admin, accounts] = await orgAdminPageWith('/admin/service-accounts', listServiceAccounts);
  const note = (
    <>
      A pipeline calls the management API (<a href="/docs/api">API reference</a>) with <span className="mono">Authorization: Bearer agw_sa_…</span>.
      Each token expires; rotate by issuing a second one, moving the pipeline to it, then revoking the first. Every change it makes is in the
      audit log under its name.
    </>
  );
  return (
    <ConsolePage noteTestId="service-accounts-note" lead={<>Credentials for the programs that manage {admin.orgName}’s apps, not for people.</>} note={note}>
      <TitledPanel titleId="new-service-account-title" title="New service account">
        <CreateServiceAccountForm />
      </TitledPanel>
      <ServiceAccountsTable accounts={accounts} />
    </ConsolePage>
  );
}
