'use client';

import { useActionState } from 'react';
import type { ProxyActing } from '@/lib/gateway/exchange/proxy-credential';
import { idleState } from '@/lib/ui/forms/action-state';
import { turnOffProxyActing, turnOnProxyActing } from '../../_actions/proxy-acting';
import { ConfirmForm } from '../../_components/confirm-form';
import { Field } from '../../_components/field';
import { FormMessage } from '../../_components/form-message';
import { SubmitRow } from '../../_components/submit-row';
import { Time } from '../../_components/time';

type Props = { appId: string; acting: ProxyActing | null; allowedResources: string[] };

/** "The artifact proxy acts for the viewer" on one allowed resource: what it is now, a form to turn it on (or move it), and off. */
export function ProxyActingForm({ appId, acting, allowedResources }: Props) {
  const [state, action, pending] = useActionState(turnOnProxyActing, idleState());
  const chosen = state.status === 'error' ? state.values.resourceId : (acting?.resourceId ?? allowedResources[0]);
  return (
    <div className="admin-stack" data-testid="proxy-acting">
      {acting ? (
        <p className="note" data-testid="proxy-acting-state" data-resource-id={acting.resourceId}>
          On: the proxy injects each viewer’s access token for <span className="mono">{acting.resourceId}</span> (credential{' '}
          <span className="mono">{acting.credentialId}</span>, expires <Time at={acting.expiresAt} />
          ).
        </p>
      ) : (
        <p className="note" data-testid="proxy-acting-state">
          Off: the upstream gets no access token.
        </p>
      )}
      {allowedResources.length === 0 ? (
        <p className="note">Allow it scopes on a resource first.</p>
      ) : (
        <form action={action} key={state.seq} className="admin-stack" data-testid="proxy-acting-form" noValidate>
          <input type="hidden" name="appId" value={appId} />
          <div className="form-grid">
            <Field id="proxy-acting-resource" label="Resource the proxy gets the viewer’s access token for">
              <select id="proxy-acting-resource" name="resourceId" className="input" defaultValue={chosen}>
                {allowedResources.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <FormMessage state={state} testId="proxy-acting" />
          <SubmitRow pending={pending} label={acting ? 'Renew the proxy’s credential' : 'Turn on'} pendingLabel="Saving…" />
        </form>
      )}
      {acting ? (
        <ConfirmForm action={turnOffProxyActing} fields={{ appId }} trigger="Turn off" title="Stop acting for the viewer?" confirmLabel="Turn off" testId="proxy-acting-off">
          The proxy’s credential is revoked: the upstream gets no access token from the next exchange on, and the app’s tokens issued until now are revoked.
        </ConfirmForm>
      ) : null}
    </div>
  );
}
