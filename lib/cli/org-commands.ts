import { setOrgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { isSharingLevel, SHARING_LEVELS } from '@/lib/gateway/sharing/sharing-levels';
import { refusal } from '@/lib/gateway/errors';
import { UsageError, type Subcommand } from './args';

const sharing: Subcommand = {
  usage: `org sharing <orgId> ${SHARING_LEVELS.join('|')}   the org's external sharing switch (turning it down ends what it no longer allows)`,
  positionals: ['orgId', 'value'],
  async run(_values, [orgId, value]) {
    if (!isSharingLevel(value)) throw new UsageError(`The value must be one of ${SHARING_LEVELS.join(', ')}.\nUsage: ${sharing.usage}`);
    const result = await setOrgSharing({ orgId: orgId!, level: value, actor: OPERATOR });
    if (!result.ok) return refusal('not_found', `No org ${orgId}.`);
    if (result.before === result.after) {
      console.log(`External sharing of ${orgId} is already ${value}.`);
      return;
    }
    console.log(`External sharing of ${orgId}: ${result.before} → ${result.after}.`);
    if (result.linksRevoked) console.log(`Revoked ${result.linksRevoked} share link${result.linksRevoked === 1 ? '' : 's'}.`);
    if (result.sessionsEnded) console.log(`Ended ${result.sessionsEnded} guest session${result.sessionsEnded === 1 ? '' : 's'}.`);
  },
};

export const orgCommands = { sharing };
