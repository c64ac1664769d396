// The revocation feed is public and names user, org, app and session ids (SECURITY.md, "What the
// revocation feed reveals"). That is acceptable only while every id the product creates is random
// and opaque: never derived from an email, a name or a counter.
import { describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/auth/api-tokens/api-tokens';
import { linkExternalUser } from '@/lib/auth/external-users';
import { createSession } from '@/lib/auth/sessions/session-store';
import { createOrgApp } from '@/lib/gateway/apps/org-apps';
import { OPERATOR } from '@/lib/gateway/audit/actor';
import { createServiceAccount } from '@/lib/gateway/service-accounts/service-accounts';
import { addWebhook } from '@/lib/gateway/webhooks/endpoints';
import { createInvitation } from '@/lib/gateway/orgs/invitations';
import { gatewayForSuite } from './harness/gateway-fixture';
import { ok } from './harness/ok';

// The ids below are made by the domain code on this gateway's database.
gatewayForSuite('pglite');

/** `<prefix>_` then at least `bits` bits of base62 / base64url. */
const RANDOM_ID = (prefix: string, bits: number) => new RegExp(`^${prefix}_[A-Za-z0-9_-]{${Math.ceil(bits / 6)},}$`);

/** Two ids made one after the other share no long run of characters (a counter, a timestamp, an email would). */
function unrelated(a: string, b: string): boolean {
  const body = (id: string) => id.slice(id.indexOf('_') + 1);
  const [x, y] = [body(a), body(b)];
  for (let i = 0; i + 6 <= x.length; i++) if (y.includes(x.slice(i, i + 6))) return false;
  return true;
}

async function newServiceAccount() {
  const r = await createServiceAccount({ orgId: 'org_acme', name: 'Ada Lovelace pipeline', scopes: ['apps:read'], actor: OPERATOR });
  if (!r.ok) throw new Error(r.reason);
  return r;
}

const created = {
  app: async () => {
    const r = await createOrgApp('org_acme', { title: 'Ada Lovelace report', workflowId: 'wf_acme_reports', hosting: 'artifact_url', artifactUrl: null, upstreamUrl: null, access: 'login_required' });
    if (!r.ok) throw new Error(r.reason);
    return r.id;
  },
  user: async () => {
    const n = Math.random().toString(36).slice(2, 8);
    const id = await linkExternalUser(
      { provider: 'oidc', providerAccountId: `sub-${n}`, type: 'oidc' },
      { email: `ada.lovelace.${n}@acme.test`, email_verified: true, name: 'Ada Lovelace' },
      { name: 'Ada Lovelace' },
    );
    return id!;
  },
  session: () => createSession('usr_alice', { ip: null, userAgent: null }),
  apiToken: async () => (await createApiToken({ userId: 'usr_alice', orgId: 'org_acme', name: 'alice' })).id,
  invitation: async () => ok(await createInvitation({ orgId: 'org_acme', email: `ada.${Math.random().toString(36).slice(2, 8)}@acme.test`, role: 'member', invitedBy: 'usr_alice' })).id,
  webhook: async () => ok(await addWebhook({ orgId: 'org_acme', url: 'http://127.0.0.1:9/hooks' })).id,
  serviceAccount: async () => (await newServiceAccount()).account.id,
  serviceAccountToken: async () => (await newServiceAccount()).token.id,
} satisfies Record<string, () => Promise<string>>;

const SHAPE: Record<keyof typeof created, RegExp> = {
  app: RANDOM_ID('run', 128),
  user: RANDOM_ID('usr', 96),
  session: RANDOM_ID('ses', 144),
  apiToken: RANDOM_ID('tok', 72),
  invitation: RANDOM_ID('inv', 72),
  webhook: RANDOM_ID('whk', 96),
  serviceAccount: RANDOM_ID('sa', 96),
  serviceAccountToken: RANDOM_ID('sat', 96),
};

describe('ids the product creates are random and opaque', () => {
  it.each(Object.keys(created) as (keyof typeof created)[])('%s: a random id, unrelated to the one made just before and to any name or email', async (kind) => {
    const first = await created[kind]();
    const second = await created[kind]();
    expect(first).toMatch(SHAPE[kind]);
    expect(second).toMatch(SHAPE[kind]);
    expect(unrelated(first, second)).toBe(true);
    for (const id of [first, second]) expect(id.toLowerCase()).not.toMatch(/lovelace|alice|acme/);
  });
});
