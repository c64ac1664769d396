'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { addWebhook, removeWebhook } from '@/lib/gateway/webhooks/endpoints';
import { errorState, okState } from '@/lib/ui/forms/action-state';
import { fields, orgAdminAction } from './role-guard';
import { orgAdminRemoval } from './removal';

// Each action checks the role itself and only touches the org of the admin's session.

const WebhookId = z.string().regex(/^whk_[A-Za-z0-9_-]{1,64}$/);

export const registerWebhook = orgAdminAction<{ secret: string }>(fields(['url'], 2000), async (admin, previous, form, values) => {
  if (!values.url?.trim()) return errorState(previous, 'No endpoint was added.', { url: 'Enter the URL that receives the events.' }, values);
  const created = await addWebhook({ orgId: admin.orgId, url: values.url, createdBy: admin.viewer.id });
  if (!created.ok) return errorState(previous, 'No endpoint was added.', { url: created.detail }, values);
  revalidatePath('/admin/webhooks');
  return okState(previous, `Added ${created.url}. Copy its signing secret now: it is shown only once.`, { secret: created.secret });
});

export const deleteWebhook = orgAdminRemoval({
  field: 'webhookId',
  id: WebhookId,
  remove: (id, admin) => removeWebhook(id, admin.orgId),
  choose: 'Choose an endpoint.',
  gone: () => 'That endpoint was already removed.',
  path: '/admin/webhooks',
  done: 'Removed.',
});
