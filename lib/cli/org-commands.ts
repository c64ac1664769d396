import { setOrgSharing } from '@/lib/gateway/sharing/sharing-switch';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { isSharingLevel, SHARING_LEVELS } from '@/lib/gateway/sharing/sharing-levels';
import { refusal } from '@/lib/gateway/errors';
import { setOidcGroupIssuer } from '@/lib/gateway/groups/oidc-issuer';
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

const oidcGroups: Subcommand = {
  usage: 'org oidc-groups <orgId> --issuer <url|none>   whose OIDC sign-ins set the org’s oidc groups (a platform setting: the issuer exactly as its tokens’ iss)',
  options: { issuer: { type: 'string' } },
  positionals: ['orgId'],
  async run(values, [orgId]) {
    if (typeof values.issuer !== 'string') throw new UsageError(`--issuer is required.\nUsage: ${oidcGroups.usage}`);
    const result = await setOidcGroupIssuer(orgId!, values.issuer === 'none' ? null : values.issuer, OPERATOR);
    if (!result.ok) return result;
    if (result.before === result.after) console.log(`No change: ${orgId}'s oidc groups are set by ${result.after ?? 'no issuer'}.`);
    else console.log(`The oidc groups of ${orgId} are set by sign-ins through ${result.after ?? 'no issuer'} (was ${result.before ?? 'none'}).`);
  },
};

export const orgCommands = { sharing, 'oidc-groups': oidcGroups };
