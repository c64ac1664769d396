'use client';

import { useState } from 'react';
import { Field, invalid } from '../_components/field';

type Props = {
  testId: string;
  values: { hosting: string; artifactUrl: string; upstreamUrl: string };
  errors: Record<string, string | undefined>;
};

/** How the artifact is served: at its own URL, or by the artifact proxy from an upstream only the proxy reaches. */
export function HostingFields({ testId, values, errors: e }: Props) {
  const [hosting, setHosting] = useState(values.hosting === 'proxy' ? 'proxy' : 'artifact_url');
  const id = (name: string) => `${testId}-${name}`;
  return (
    <>
      <Field id={id('hosting')} label="Served" error={e.hosting} wide>
        <select
          id={id('hosting')}
          name="hosting"
          className="select"
          value={hosting}
          onChange={(event) => setHosting(event.target.value)}
          {...invalid(id('hosting'), e.hosting)}
        >
          <option value="artifact_url">Artifact URL</option>
          <option value="proxy">Served by the artifact proxy from upstream URL</option>
        </select>
      </Field>
      {hosting === 'proxy' ? (
        <Field
          id={id('upstreamUrl')}
          label="Upstream URL"
          error={e.upstreamUrl}
          wide
          hint="Any plain web server the proxy can reach; viewers never see it. The proxy gives the app its own origin and verifies every viewer. Leave empty while the artifact is still building."
        >
          <input
            id={id('upstreamUrl')}
            name="upstreamUrl"
            className="input"
            inputMode="url"
            placeholder="http://10.0.0.7:8080/"
            defaultValue={values.upstreamUrl}
            {...invalid(id('upstreamUrl'), e.upstreamUrl)}
          />
        </Field>
      ) : (
        <Field
          id={id('artifactUrl')}
          label="Artifact URL"
          error={e.artifactUrl}
          wide
          hint="http(s), on a different site from this gateway and on an origin of its own. Leave empty while the artifact is still building."
        >
          <input
            id={id('artifactUrl')}
            name="artifactUrl"
            className="input"
            inputMode="url"
            placeholder="https://my-app.artifacts.example.com/"
            defaultValue={values.artifactUrl}
            {...invalid(id('artifactUrl'), e.artifactUrl)}
          />
        </Field>
      )}
    </>
  );
}
