import { DataTable } from '@/app/_components/data-table';
import type { GrantRow } from '@/lib/gateway/access-requests/app-grants';
import { removeGrantInConsole } from '../../_actions/access-requests';
import { ConfirmRemoval } from '../../_components/confirm-form';
import { ActionsCell, NameCell, TimeCell } from '../../_components/cells';
import { Time } from '../../_components/time';

/** The app's live grants (SPEC §16): who, as member or guest, until when; each removable. */
export function GrantsTable({ appId, grants }: { appId: string; grants: GrantRow[] }) {
  return (
    <DataTable testId="grants-table" columns={['Who', 'Opens it as', 'Granted', 'Ends', null]} empty={grants.length === 0 ? <>Nobody has been granted this app.</> : null}>
      {grants.map((g) => (
        <tr key={g.id} data-testid="grant-row" data-grant-id={g.id} data-user-email={g.email}>
          <NameCell main={g.name} sub={g.email} />
          <td>{g.member ? 'Member (own role)' : 'Guest'}</td>
          <TimeCell at={g.createdAt} />
          <td>{g.endsAt ? <Time at={g.endsAt} /> : 'Until taken away'}</td>
          <ActionsCell>
            <ConfirmRemoval action={removeGrantInConsole} fields={{ grantId: g.id, appId }} verb="Remove" name={`${g.name}’s access`} testId="remove-grant">
              They lose this app now; a view they have open closes within seconds.
            </ConfirmRemoval>
          </ActionsCell>
        </tr>
      ))}
    </DataTable>
  );
}
