import { z } from 'zod';
import { ACCESS_RULES } from '../access/rule-words';

// The app document is both the management API's published response shape (the OpenAPI document is
// built from this schema) and the type the use cases return, so the two cannot drift apart.

export const ManagedApp = z.strictObject({
  id: z.string().meta({ description: 'The platform’s own id (the run id), unique across the gateway.', example: 'run_8f3a2c' }),
  org_id: z.string(),
  workflow_id: z.string(),
  title: z.string(),
  artifact_url: z.string().nullable().meta({ description: 'Where the artifact lives; null while it is being built, or when the artifact proxy serves it.' }),
  upstream_url: z.string().nullable().meta({ description: 'For an app served by the artifact proxy: where the proxy forwards to. Never shown to viewers.' }),
  access: z.strictObject({
    rule: z.enum(ACCESS_RULES),
    members: z.array(z.string()).meta({ description: 'Emails of the members listed (rule `members`), in alphabetical order.' }),
    groups: z.array(z.string()).meta({ description: 'Ids of the org’s groups listed (rule `members`, SPEC §18): their members may open it too.' }),
  }),
  visibility: z.enum(['login_required', 'public']),
  proxy_url: z.string().nullable().meta({ description: 'Read-only. For an app served by the artifact proxy: its own origin there, which the viewer frames.' }),
  created_at: z.iso.datetime(),
}).meta({ description: 'An app as the management API shows it. A POST’s body, or a PATCH, sets the fields but id’s own read-only ones (org_id, proxy_url, created_at).' });

/** An app as the management API shows it: the fields a client sets, and a few it can only read. */
export type AppDocument = z.output<typeof ManagedApp>;
