'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sessionActor } from '@/lib/gateway/audit/actor';
import { createServiceAccount, issueServiceAccountToken, revokeServiceAccount, revokeServiceAccountToken } from '@/lib/gateway/service-accounts/service-accounts';
import { errorState, formValues, okState } from '@/lib/ui/forms/action-state';
import { scopesOf } from '@/lib/ui/forms/form-scopes';
import { fields, orgAdminAction } from './role-guard';
import { orgAdminRemoval } from './removal';

// Each action checks the role itself and acts only in the org of the admin's session: another
// org's account id is answered like an unknown one.

const PATH = '/admin/service-accounts';
const AccountId = z.string().regex(/^sa_[A-Za-z0-9_-]{1,64}$/);
const TokenId = z.string().regex(/^sat_[A-Za-z0-9_-]{1,64}$/);

/** A token shown once: the page never sees it again. */
export type IssuedToken = { token: string; prefix: string; expiresAt: string; accountName: string };

/** The form's days as the domain wants them: empty is the default, anything but digits is refused by the domain's own check. */
const days = (v: string | undefined): number | undefined => (!v?.trim() ? undefined : /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

const accountValues = (form: FormData) => ({ ...formValues(form, ['name', 'expiresInDays'], 400), scopes: scopesOf(form).join(' ') });

export const createServiceAccountAction = orgAdminAction<IssuedToken>(accountValues, async (admin, previous, form, values) => {
  const scopes = scopesOf(form);
  const created = await createServiceAccount({
    orgId: admin.orgId,
    name: values.name ?? '',
    scopes,
    expiresInDays: days(values.expiresInDays),
    actor: sessionActor(admin.viewer.id),
  });
  if (!created.ok) {
    if (created.reason === 'invalid') return errorState(previous, 'Check the highlighted fields; no service account was created.', created.errors, values);
    return errorState(previous, `${admin.orgName} no longer exists; no service account was created.`, {}, values);
  }
  revalidatePath(PATH);
  const { token, account } = created;
  const data = { token: token.token, prefix: token.prefix, expiresAt: token.expiresAt.toISOString(), accountName: account.name };
  return okState(previous, `Created “${account.name}”.`, data);
});

/** A second live token for a rotation: the old one keeps working until it is revoked. */
export const issueTokenAction = orgAdminAction<IssuedToken>(fields(['serviceAccountId', 'expiresInDays'], 200), async (admin, previous, form, values) => {
  const id = AccountId.safeParse(values.serviceAccountId);
  if (!id.success) return errorState(previous, 'Choose a service account.', {}, values);
  const issued = await issueServiceAccountToken({ orgId: admin.orgId, serviceAccountId: id.data, expiresInDays: days(values.expiresInDays), actor: sessionActor(admin.viewer.id) });
  if (!issued.ok) {
    if (issued.reason === 'invalid') return errorState(previous, 'No token was issued.', issued.errors, values);
    if (issued.reason === 'token_limit') return errorState(previous, 'It already has two live tokens: revoke the one it no longer uses first.', {}, values);
    return errorState(previous, `That service account is revoked, or is not in ${admin.orgName}.`, {}, values);
  }
  revalidatePath(PATH);
  const data = { token: issued.token.token, prefix: issued.token.prefix, expiresAt: issued.token.expiresAt.toISOString(), accountName: '' };
  return okState(previous, 'Token issued.', data, { expiresInDays: values.expiresInDays ?? '' });
});

export const revokeServiceAccountAction = orgAdminRemoval({
  field: 'serviceAccountId',
  id: AccountId,
  remove: (id, admin) => revokeServiceAccount({ orgId: admin.orgId, serviceAccountId: id, actor: sessionActor(admin.viewer.id) }),
  gone: (admin) => `That service account is already revoked, or is not in ${admin.orgName}.`,
  path: PATH,
  done: 'Revoked.',
});

export const revokeServiceAccountTokenAction = orgAdminRemoval({
  field: 'tokenId',
  id: TokenId,
  remove: (id, admin) => revokeServiceAccountToken({ orgId: admin.orgId, tokenId: id, actor: sessionActor(admin.viewer.id) }),
  gone: (admin) => `That token is already revoked, or is not in ${admin.orgName}.`,
  path: PATH,
  done: 'Token revoked.',
});
