'use client';

import { useState } from 'react';
import { StateCard } from '@/app/_components/states';

export function StillBuilding({ title, workflow }: { title: string; workflow: string }) {
  const [pending, setPending] = useState(false);
  return (
    <StateCard
      testId="still-building"
      tone="warn"
      icon="⏳"
      title="Still building"
      actions={
        <>
          <button
            type="button"
            className="btn btn--primary"
            disabled={pending}
            // A full reload: the page's frame-src policy is fixed when the document loads.
            onClick={() => {
              setPending(true);
              window.location.reload();
            }}
          >
            {pending ? 'Checking…' : 'Check again'}
          </button>
          <a className="btn btn--secondary" href="/">
            Back to your apps
          </a>
        </>
      }
    >
      <p>
        The “{workflow}” workflow is still producing {title}. It will open here as soon as the artifact is ready.
      </p>
    </StateCard>
  );
}

export function ArtifactMisconfigured() {
  return (
    <StateCard testId="artifact-misconfigured" tone="bad" icon="!" title="This app can’t be shown safely">
      <p>
        Its artifact is not hosted on a separate site from the gateway, so the gateway will not embed it. Ask the app’s
        owner to publish it on its own origin.
      </p>
    </StateCard>
  );
}
