import { z } from 'zod';
import type { ManagementCaller } from '@/lib/auth/management-caller';
import { refusal, validationFailed, type Result } from '../errors';
import { checkShareLinkInput } from '../sharing/share-link-input';
import { createShareLink, listShareLinks, revokeShareLink, type ShareLinkRow } from '../sharing/share-links';
import type { ClientInfo } from './app-write-refusal';
import { fieldErrorsOf } from './field-errors';

// The management API's share links (SPEC §15, scope shares:write): create, list, revoke.

export const ShareBody = z.strictObject({
  expires_in: z.unknown().optional().meta({ description: 'Seconds until the link stops opening: 60 to 2592000 (30 days); 604800 (7 days) when absent.', type: 'integer' }),
  max_uses: z.unknown().optional().meta({ description: 'The most people it admits (1–100000); absent or null: no limit.', type: ['integer', 'null'] }),
});

/** A share link as the management API lists it: no secret or URL (its address is shown only when it is created). */
export const ListedShare = z.strictObject({
  id: z.string(),
  app_id: z.string(),
  state: z.enum(['active', 'expired', 'revoked', 'used_up']),
  created_at: z.iso.datetime(),
  expires_at: z.iso.datetime(),
  max_uses: z.number().int().nullable(),
  uses: z.number().int().meta({ description: 'People it admitted (each counted once).' }),
  last_used_at: z.iso.datetime().nullable(),
  revoked_at: z.iso.datetime().nullable(),
});

type ShareDocument = z.output<typeof ListedShare>;

const noSuchApp = () => refusal('not_found', 'No such app.');

const documentOf = (l: ShareLinkRow): ShareDocument => ({
  id: l.id,
  app_id: l.appId,
  state: l.state,
  created_at: l.createdAt.toISOString(),
  expires_at: l.expiresAt.toISOString(),
  max_uses: l.maxUses,
  uses: l.uses,
  last_used_at: l.lastUsedAt?.toISOString() ?? null,
  revoked_at: l.revokedAt?.toISOString() ?? null,
});

/** POST …/apps/{appId}/shares: a new link; its URL (holding the secret) is in this answer only. */
export async function createShare(caller: ManagementCaller, appId: string, body: unknown, client: ClientInfo): Promise<Result<{ id: string; app_id: string; url: string; expires_at: string; max_uses: number | null }>> {
  const parsed = ShareBody.safeParse(body);
  if (!parsed.success) return validationFailed(fieldErrorsOf(parsed.error));
  const checked = checkShareLinkInput({ expiresInSeconds: parsed.data.expires_in, maxUses: parsed.data.max_uses });
  if (!checked.ok) {
    const { expiresInSeconds, maxUses } = checked.errors;
    return validationFailed([
      ...(expiresInSeconds ? [{ pointer: '#/expires_in', detail: expiresInSeconds }] : []),
      ...(maxUses ? [{ pointer: '#/max_uses', detail: maxUses }] : []),
    ]);
  }
  const result = await createShareLink({ orgId: caller.orgId, appId, input: checked.value, actor: caller.actor, ...client });
  if (!result.ok && result.reason === 'sharing_disabled') {
    return refusal('sharing_disabled', 'Share links need the organization’s sharing switch at links or links_and_public; it is off.');
  }
  if (!result.ok) return noSuchApp();
  const { link } = result;
  return { ok: true, id: link.id, app_id: link.appId, url: link.url, expires_at: link.expiresAt.toISOString(), max_uses: link.maxUses };
}

/** GET …/apps/{appId}/shares: the app's links, newest first, with uses, last use and state. */
export async function listShares(caller: ManagementCaller, appId: string): Promise<Result<{ shares: ShareDocument[] }>> {
  const links = await listShareLinks(caller.orgId, appId);
  if (!links) return noSuchApp();
  return { ok: true, shares: links.map(documentOf) };
}

/** DELETE …/apps/{appId}/shares/{shareId}: revoked (a link already revoked: the same answer). */
export async function revokeShare(caller: ManagementCaller, appId: string, shareId: string, client: ClientInfo): Promise<Result> {
  const result = await revokeShareLink({ orgId: caller.orgId, appId, shareId, actor: caller.actor, ...client });
  if (!result.ok && result.reason === 'not_found') return refusal('not_found', 'No such share link.');
  return { ok: true };
}
