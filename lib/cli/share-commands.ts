import { checkShareLinkInput, LINK_EXPIRY_SECONDS, wholeNumberField } from '@/lib/gateway/sharing/share-link-input';
import { createShareLink, listShareLinks, revokeShareLink } from '@/lib/gateway/sharing/share-links';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { refusal } from '@/lib/gateway/errors';
import { optional, UsageError, type Subcommand } from './args';

const create: Subcommand = {
  usage: `share create <appId> [--expires-in <seconds>] [--max-uses <n>]   a share link (expiry ${LINK_EXPIRY_SECONDS.min}–${LINK_EXPIRY_SECONDS.max} s, default 7 days); prints its URL last`,
  positionals: ['appId'],
  options: { 'expires-in': { type: 'string' }, 'max-uses': { type: 'string' } },
  async run(values, [appId]) {
    const checked = checkShareLinkInput({
      expiresInSeconds: wholeNumberField(optional(values, 'expires-in')),
      maxUses: wholeNumberField(optional(values, 'max-uses')),
    });
    if (!checked.ok) throw new UsageError(`${Object.values(checked.errors).join('\n')}\nUsage: ${create.usage}`);
    const result = await createShareLink({ orgId: null, appId: appId!, input: checked.value, actor: OPERATOR });
    if (!result.ok && result.reason === 'sharing_disabled') {
      return refusal('forbidden', `The org of ${appId} does not allow share links (external sharing is off). Turn it on with: org sharing <orgId> links`);
    }
    if (!result.ok) return refusal('not_found', `No app ${appId}.`);
    const { link } = result;
    console.log(`Share link ${link.id} for ${link.appId}: expires ${link.expiresAt.toISOString()}, ${link.maxUses === null ? 'no limit on people' : `at most ${link.maxUses} people`}.`);
    console.log('The URL is shown this once:');
    console.log(link.url);
  },
};

const list: Subcommand = {
  usage: 'share list <appId>   the app\'s share links, one a line, id first',
  positionals: ['appId'],
  async run(_values, [appId]) {
    const links = await listShareLinks(null, appId!);
    if (links === null) return refusal('not_found', `No app ${appId}.`);
    for (const l of links) {
      console.log(
        [
          l.id,
          l.state,
          `uses ${l.uses}${l.maxUses === null ? '' : `/${l.maxUses}`}`,
          `last used ${l.lastUsedAt?.toISOString() ?? '-'}`,
          `expires ${l.expiresAt.toISOString()}`,
          `guest sessions ${l.liveSessions}`,
        ].join('  '),
      );
    }
  },
};

const revoke: Subcommand = {
  usage: 'share revoke <shareId>   revoke a link: it opens nothing more, and its guests\' sessions end',
  positionals: ['shareId'],
  async run(_values, [shareId]) {
    const result = await revokeShareLink({ orgId: null, shareId: shareId!, actor: OPERATOR });
    if (!result.ok && result.reason === 'already_ended') return refusal('conflict', `Share link ${shareId} was already revoked.`);
    if (!result.ok) return refusal('not_found', `No share link ${shareId}.`);
    console.log(`Revoked ${shareId}${result.sessionsEnded ? `; ended ${result.sessionsEnded} guest session${result.sessionsEnded === 1 ? '' : 's'}` : ''}.`);
  },
};

export const shareCommands = { create, list, revoke };
