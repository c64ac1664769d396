import type { KeyListing } from '@/lib/gateway/keys/key-listing';
import type { KeyState } from '@/lib/gateway/keys/key-states';
import { DataTable } from '@/app/_components/data-table';
import { activateNextKey, revokeSigningKey } from '../_actions/keys';
import { ConfirmForm, ConfirmRemoval } from '../_components/confirm-form';
import { ActionsCell, BadgeCell, NameCell, TimeCell } from '../_components/cells';
import { Time } from '../_components/time';

const STATE: Record<KeyState, { label: string; tone: string; meaning: string }> = {
  next: { label: 'Next', tone: 'badge--info', meaning: 'Published, not signing yet' },
  active: { label: 'Active', tone: 'badge--ok', meaning: 'Signs every new token' },
  retiring: { label: 'Retiring', tone: 'badge--warn', meaning: 'Published until its last token expires' },
  retired: { label: 'Retired', tone: '', meaning: 'No longer published' },
  revoked: { label: 'Revoked', tone: 'badge--bad', meaning: 'Removed from the JWKS' },
};

function revokeConsequence(state: KeyState): string {
  const base = 'It leaves the JWKS at once: every token signed with it stops verifying immediately, in every artifact, even tokens that have not expired.';
  if (state === 'active') return `${base} A new key is created and signs from now on, so open viewers recover at their next renewal.`;
  if (state === 'next') return `${base} It has not signed anything yet, so no token is affected.`;
  return base;
}

export function KeysTable({ keys }: { keys: KeyListing[] }) {
  return (
    <DataTable testId="keys-table" columns={['Key id (kid)', 'State', 'Created', 'Activation', 'Retires / revoked', null]}>
      {keys.map((k) => (
        <tr key={k.kid} data-testid="key-row" data-kid={k.kid} data-state={k.state}>
          <NameCell main={k.kid} sub={k.alg} mono="main" />
          <BadgeCell tone={STATE[k.state].tone} sub={STATE[k.state].meaning}>
            {STATE[k.state].label}
          </BadgeCell>
          <TimeCell at={k.createdAt} />
          <TimeCell at={k.activatesAt} />
          <td>{k.revokedAt ? <Time at={k.revokedAt} /> : <Time at={k.retireAt} />}</td>
          <ActionsCell>
            {k.state === 'next' ? (
              <ConfirmForm
                action={activateNextKey}
                fields={{}}
                trigger="Activate now"
                title="Start signing with this key now?"
                confirmLabel="Activate now"
                tone="primary"
                testId="activate-key"
              >
                New tokens are signed with it at once. Verifiers that cached the key set before it was published
                fetch it again when they meet its kid; the current key stays published until its tokens expire.
              </ConfirmForm>
            ) : null}
            {k.state !== 'revoked' && k.state !== 'retired' ? (
              <ConfirmRemoval action={revokeSigningKey} fields={{ kid: k.kid }} verb="Revoke" name={`key ${k.kid.slice(0, 12)}…`} thing="key" testId="revoke-key">
                {revokeConsequence(k.state)}
              </ConfirmRemoval>
            ) : null}
          </ActionsCell>
        </tr>
      ))}
    </DataTable>
  );
}
