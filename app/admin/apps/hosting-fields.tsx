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
        <UrlField
          id={id('upstreamUrl')}
          name="upstreamUrl"
          label="Upstream URL"
          hint="Any plain web server the proxy can reach; viewers never see it. The proxy gives the app its own origin and verifies every viewer. Leave empty while the artifact is still building."
          placeholder="http://10.0.0.7:8080/"
          value={values.upstreamUrl}
          error={e.upstreamUrl}
        />
      ) : (
        <UrlField
          id={id('artifactUrl')}
          name="artifactUrl"
          label="Artifact URL"
          hint="http(s), on a different site from this gateway and on an origin of its own. Leave empty while the artifact is still building."
          placeholder="https://my-app.artifacts.example.com/"
          value={values.artifactUrl}
          error={e.artifactUrl}
        />
      )}
    </>
  );
}

type UrlFieldProps = { id: string; name: string; label: string; hint: string; placeholder: string; value: string; error: string | undefined };

function UrlField({ id, name, label, hint, placeholder, value, error }: UrlFieldProps) {
  return (
    <Field id={id} label={label} error={error} wide hint={hint}>
      <input id={id} name={name} className="input" inputMode="url" placeholder={placeholder} defaultValue={value} {...invalid(id, error)} />
    </Field>
  );
}
