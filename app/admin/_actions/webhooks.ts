'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { refusalMessage, requireOrgAdmin } from '@/lib/auth/require-role';
import { addWebhook, removeWebhook } from '@/lib/gateway/webhooks/endpoints';
import { errorState, formValues, okState, type ActionState } from '@/lib/ui/forms/action-state';

// Each action checks the role itself and only touches the org of the admin's session.

const WebhookId = z.string().regex(/^whk_[A-Za-z0-9_-]{1,64}$/);

export async function registerWebhook(previous: ActionState<{ secret: string }>, form: FormData): Promise<ActionState<{ secret: string }>> {
  const values = formValues(form, ['url'], 2000);
  const admin = await requireOrgAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin), {}, values);
  if (!values.url?.trim()) return errorState(previous, 'No endpoint was added.', { url: 'Enter the URL that receives the events.' }, values);
  const created = await addWebhook({ orgId: admin.orgId, url: values.url, createdBy: admin.viewer.id });
  if (!created.ok) return errorState(previous, 'No endpoint was added.', { url: created.detail }, values);
  revalidatePath('/admin/webhooks');
  return okState(previous, `Added ${created.url}. Copy its signing secret now: it is shown only once.`, { secret: created.secret });
}

export async function deleteWebhook(previous: ActionState, form: FormData): Promise<ActionState> {
  const admin = await requireOrgAdmin();
  if (!admin.ok) return errorState(previous, refusalMessage(admin));
  const id = WebhookId.safeParse(form.get('webhookId'));
  if (!id.success) return errorState(previous, 'Choose an endpoint.');
  if (!(await removeWebhook(id.data, admin.orgId))) return errorState(previous, 'That endpoint was already removed.');
  revalidatePath('/admin/webhooks');
  return okState(previous, 'Removed.');
}
