import type { Metadata } from 'next';
import { env } from '@/lib/platform/config/env';
import { duration } from '@/lib/platform/format/duration';
import { listKeysForConsole } from '@/lib/gateway/keys/key-listing';
import { rotateKey } from '../_actions/keys';
import { ConfirmForm } from '../_components/confirm-form';
import { platformAdminPage } from '../_components/page-guard';
import { KeysTable } from './keys-table';

export const metadata: Metadata = { title: 'Signing keys' };
// GET /admin/keys — the signing keys and their states; rotate, activate, revoke (platform admins only)
export default async function KeysPage() {
  await platformAdminPage('/admin/keys');
  const keys = await listKeysForConsole();
  const ahead = env().KEY_PUBLISH_AHEAD_SECONDS;
  return (
    <div className="admin-stack">
      <section className="panel">
        <div className="panel__head">
          <div>
            <h2 className="panel__title">Rotation</h2>
            <p className="panel__hint">
              Rotating publishes a new key at <span className="mono">/.well-known/jwks.json</span> now; it starts signing after{' '}
              {duration(ahead)}, once verifiers’ caches have it. The old key stays published until its last token has expired.
            </p>
          </div>
          <ConfirmForm
            action={rotateKey}
            fields={{}}
            trigger="Rotate keys"
            title="Publish a new signing key?"
            confirmLabel="Rotate"
            tone="primary"
            testId="rotate-keys"
          >
            A new key is published now and signs from {duration(ahead)} on. No token stops verifying.
          </ConfirmForm>
        </div>
      </section>
      <KeysTable keys={keys} />
    </div>
  );
}
