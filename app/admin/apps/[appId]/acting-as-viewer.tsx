import { DataTable } from '@/app/_components/data-table';
import { TitledPanel } from '@/app/_components/titled-panel';
import type { Allowance } from '@/lib/gateway/exchange/allowances';
import { MAX_CREDENTIAL_DAYS, type CredentialListing } from '@/lib/gateway/exchange/credentials';
import type { ResourceListing } from '@/lib/gateway/exchange/resources';
import { disallowAppResource } from '../../_actions/app-exchange';
import { ConfirmRemoval } from '../../_components/confirm-form';
import { ScopesCell, TimeCell } from '../../_components/cells';
import { AllowanceForm } from './allowance-form';
import { ClientSecretForm } from './client-secret-form';
import { ClientSecretsTable } from './client-secrets-table';
import { ProxyActingForm } from './proxy-acting-form';
import type { ProxyActing } from '@/lib/gateway/exchange/proxy-credential';

type Props = {
  appId: string;
  allowances: Allowance[];
  resources: ResourceListing[];
  credentials: CredentialListing[];
  /** For an app served by the artifact proxy: whether the proxy acts for its viewers (null: off). */
  proxy: { acting: ProxyActing | null } | null;
};

const HINT = (
  <>
    With a client secret, the app’s backend trades its viewer’s token for a short-lived access token to a platform API, with only the scopes
    allowed here. Its viewers see what it may do as them. Taking a scope away, or a secret, refuses the tokens it already obtained.
  </>
);

/**
 * "Acting as the viewer" (SPEC §17): the platform APIs the app may call as its viewer, with which
 * scopes and whether for guests; a form per registered resource; and the app's client secrets.
 */
export function ActingAsViewer({ appId, allowances, resources, credentials, proxy }: Props) {
  const allowed = new Map(allowances.map((a) => [a.resourceId, a]));
  return (
    <TitledPanel titleId="acting-title" title="Acting as the viewer" hint={HINT} testId="acting-as-viewer">

      <h3 className="panel__subtitle" id="allowed-title">
        May act for the viewer on
      </h3>
      <DataTable
        testId="allowances-table"
        columns={['Resource', 'Scopes', 'Guests', 'Changed', null]}
        empty={allowances.length === 0 ? <>Nowhere yet: it cannot act for its viewers.</> : null}
      >
        {allowances.map((a) => (
          <tr key={a.resourceId} data-testid="allowance-row" data-resource-id={a.resourceId}>
            <td className="mono">{a.resourceId}</td>
            <ScopesCell scopes={a.scopes} testId="allowance-scopes" />
            <td data-testid="allowance-guests">{a.guests ? 'Guests too' : 'Members only'}</td>
            <TimeCell at={a.updatedAt} />
            <td>
              <ConfirmRemoval action={disallowAppResource} fields={{ appId, resourceId: a.resourceId }} verb="Take away" name={a.resourceId} testId="disallow-resource">
                The app may no longer act for its viewers on {a.resourceId}; the access tokens it holds are refused at the next poll of the revocation feed.
              </ConfirmRemoval>
            </td>
          </tr>
        ))}
      </DataTable>

      <h3 className="panel__subtitle" id="allow-title">
        Allow scopes
      </h3>
      {resources.length === 0 ? (
        <p className="note" data-testid="no-resources">
          No platform API is registered yet: a platform admin adds them under Resources.
        </p>
      ) : (
        <div className="admin-stack">
          {resources.map((r) => (
            <AllowanceForm key={r.id} appId={appId} resourceId={r.id} offered={r.scopes} allowance={allowed.get(r.id) ?? null} />
          ))}
        </div>
      )}

      {proxy ? (
        <>
          <h3 className="panel__subtitle" id="proxy-acting-title">
            The artifact proxy acts for the viewer
          </h3>
          <p className="panel__hint">
            The proxy exchanges each viewer’s token for an access token with the scopes allowed above, using a client secret of this app that only
            the proxy holds (nobody is shown it; it is not one of the two below), and sends it to the upstream as{' '}
            <span className="mono">X-App-Gateway-Access-Token</span>. Browsers never see it.
          </p>
          <ProxyActingForm appId={appId} acting={proxy.acting} allowedResources={allowances.map((a) => a.resourceId)} />
        </>
      ) : null}

      <h3 className="panel__subtitle" id="secrets-title">
        Client secrets
      </h3>
      <p className="panel__hint">
        The app authenticates its exchanges with one (its id, <span className="mono">{appId}</span>, is the client id). At most two live at once, for a
        rotation; each is shown once, when you create it.
      </p>
      <ClientSecretForm appId={appId} maxDays={MAX_CREDENTIAL_DAYS} />
      <ClientSecretsTable credentials={credentials} />
    </TitledPanel>
  );
}
