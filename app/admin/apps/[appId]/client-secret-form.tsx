'use client';

import { useEffect, useRef } from 'react';
import { CopyButton } from '@/app/_components/copy-button';
import { createClientSecret, type NewClientSecret } from '../../_actions/app-exchange';
import { ConsoleForm } from '../../_components/console-form';
import { useConsoleForm } from '../../_components/use-console-form';
import { DaysField } from '../../_components/field';
import { formatUtc } from '../../_components/time';

const DEFAULT_DAYS = '90';

/** Creates a client secret for the app; the secret is shown this once, and focus moves to it. */
export function ClientSecretForm({ appId, maxDays }: { appId: string; maxDays: number }) {
  const { form, state, errors } = useConsoleForm<NewClientSecret>(createClientSecret, { expiresInDays: DEFAULT_DAYS });
  const created = state.status === 'ok' ? state.data : undefined;
  const days = state.status === 'error' ? (state.values.expiresInDays ?? '') : DEFAULT_DAYS;
  return (
    <div className="admin-stack">
      {created ? <SecretBox secret={created.secret} expiresAt={created.expiresAt} seq={state.seq} /> : null}
      <ConsoleForm form={form} testId="create-client-secret" submit={['Create client secret', 'Creating…']} message="error">
        <input type="hidden" name="appId" value={appId} />
        <div className="form-grid">
          <DaysField id="secret-expiry" label="Client secret expires after (days)" max={maxDays} fallback={DEFAULT_DAYS} values={{ expiresInDays: days }} errors={errors} />
        </div>
      </ConsoleForm>
    </div>
  );
}

function SecretBox({ secret, expiresAt, seq }: { secret: string; expiresAt: string; seq: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), [seq]);
  return (
    <div className="secret-box" data-testid="new-client-secret" ref={box} tabIndex={-1} role="group" aria-labelledby="new-client-secret-title">
      <strong id="new-client-secret-title">Copy the client secret now: it is shown only this once.</strong>
      <div className="secret-box__row">
        <code data-testid="new-client-secret-value">{secret}</code>
        <CopyButton text={secret} testId="new-client-secret-copy" label="Copy client secret" />
      </div>
      <span className="field-hint">
        Expires {formatUtc(expiresAt)}. The gateway keeps only a hash of it; keep it on the app’s server (e.g. as{' '}
        <span className="mono">APP_GATEWAY_CLIENT_SECRET</span>), never in a page.
      </span>
    </div>
  );
}
