'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addWebhook, removeWebhook } from '@/lib/gateway/webhooks/endpoints';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { fields, orgAdminAction } from './role-guard';

// Each action checks the role itself and only touches the org of the admin's session.

const WebhookId = z.string().regex(/^whk_[A-Za-z0-9_-]{1,64}$/);

export const registerWebhook = orgAdminAction<{ secret: string }>(fields(['url'], 2000), async (admin, previous, form, values) => {
  if (!values.url?.trim()) return errorState(previous, 'No endpoint was added.', { url: 'Enter the URL that receives the events.' }, values);
  const created = await addWebhook({ orgId: admin.orgId, url: values.url, createdBy: admin.viewer.id });
  if (!created.ok) return errorState(previous, 'No endpoint was added.', { url: created.detail }, values);
  revalidatePath('/admin/webhooks');
  return okState(previous, `Added ${created.url}. Copy its signing secret now: it is shown only once.`, { secret: created.secret });
});

export const deleteWebhook = orgAdminAction(async (admin, previous, form) => {
  const id = WebhookId.safeParse(form.get('webhookId'));
  if (!id.success) return errorState(previous, 'Choose an endpoint.');
  if (!(await removeWebhook(id.data, admin.orgId))) return errorState(previous, 'That endpoint was already removed.');
  revalidatePath('/admin/webhooks');
  return okState(previous, 'Removed.');
});
