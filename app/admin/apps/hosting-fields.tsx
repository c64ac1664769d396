'use client';

import { useState } from 'react';
import { SelectField, TextField } from '../_components/field';

type Props = {
  testId: string;
  values: { hosting: string; artifactUrl: string; upstreamUrl: string };
  errors: Record<string, string | undefined>;
};

/** The URL field each way of serving asks for. */
const URL_FIELD = {
  proxy: {
    name: 'upstreamUrl',
    label: 'Upstream URL',
    hint: 'Any plain web server the proxy can reach; viewers never see it. The proxy gives the app its own origin and verifies every viewer. Leave empty while the artifact is still building.',
    placeholder: 'http://10.0.0.7:8080/',
  },
  artifact_url: {
    name: 'artifactUrl',
    label: 'Artifact URL',
    hint: 'http(s), on a different site from this gateway and on an origin of its own. Leave empty while the artifact is still building.',
    placeholder: 'https://my-app.artifacts.example.com/',
  },
} as const;

/** How the artifact is served: at its own URL, or by the artifact proxy from an upstream only the proxy reaches. */
export function HostingFields({ testId, values, errors }: Props) {
  const [hosting, setHosting] = useState<keyof typeof URL_FIELD>(values.hosting === 'proxy' ? 'proxy' : 'artifact_url');
  const url = URL_FIELD[hosting];
  return (
    <>
      <SelectField
        id={`${testId}-hosting`}
        name="hosting"
        label="Served"
        wide
        // Controlled: the URL field below follows the choice.
        value={hosting}
        defaultValue={undefined}
        onChange={(event) => setHosting(event.target.value === 'proxy' ? 'proxy' : 'artifact_url')}
        values={values}
        errors={errors}
      >
        <option value="artifact_url">Artifact URL</option>
        <option value="proxy">Served by the artifact proxy from upstream URL</option>
      </SelectField>
      <TextField id={`${testId}-${url.name}`} {...url} wide inputMode="url" values={values} errors={errors} />
    </>
  );
}
