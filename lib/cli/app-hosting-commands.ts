import { env } from '@/lib/platform/config/env';
import { appInputSchema } from '@/lib/gateway/apps/app-input';
import { createOrgApp, findOrgApp, listOrgApps, originTakenMessage, updateOrgApp } from '@/lib/gateway/apps/org-apps';
import { refusal, type Refusal } from '@/lib/gateway/errors';
import { optional, required, UsageError, type Subcommand, type Values } from './args';

const hostingOptions = {
  org: { type: 'string' },
  workflow: { type: 'string' },
  title: { type: 'string' },
  access: { type: 'string' },
  'artifact-url': { type: 'string' },
  'upstream-url': { type: 'string' },
} as const;

const FLAGS: Record<string, string> = { workflowId: 'workflow', artifactUrl: 'artifact-url', upstreamUrl: 'upstream-url' };
const flagOf = (field: string) => FLAGS[field] ?? field;

/** Registers an app, or changes where it is served from: one origin per app (a taken origin is refused). */
async function saveApp(values: Values, org: string, appId: string | null): Promise<void | Refusal> {
  if (values['artifact-url'] !== undefined && values['upstream-url'] !== undefined) throw new UsageError('Give --artifact-url or --upstream-url, not both.');
  const existing = appId ? await findOrgApp(org, appId) : undefined;
  if (appId && !existing) return refusal('not_found', `No app ${appId} in ${org}.`);
  const parsed = appInputSchema(env().APP_URL).safeParse({
    title: optional(values, 'title') ?? existing?.title,
    workflowId: optional(values, 'workflow') ?? existing?.workflowId,
    access: optional(values, 'access') ?? existing?.access ?? 'login_required',
    hosting: values['upstream-url'] !== undefined ? 'proxy' : 'artifact_url',
    artifactUrl: optional(values, 'artifact-url') ?? '',
    upstreamUrl: optional(values, 'upstream-url') ?? '',
  });
  if (!parsed.success) return refusal('invalid_request', parsed.error.issues.map((i) => `--${flagOf(String(i.path[0]))}: ${i.message}`).join('\n'));
  const result = appId ? await updateOrgApp(org, appId, parsed.data) : await createOrgApp(org, parsed.data);
  if (!result.ok && result.reason === 'upstream_not_allowed') return refusal('invalid_request', `--upstream-url: ${result.message}`);
  if (!result.ok && result.reason === 'origin_taken') return refusal('conflict', originTakenMessage(result.origin));
  if (!result.ok && result.reason === 'workflow_not_in_org') return refusal('invalid_request', `--workflow: no workflow ${parsed.data.workflowId} in ${org}.`);
  if (!result.ok) return refusal('not_found', `No app ${appId} in ${org}.`);
  console.log(`${appId ? 'Saved' : 'Registered'} ${result.id}.`);
}

const create: Subcommand = {
  usage: 'app create --org <orgId> --workflow <id> --title <text> [--artifact-url <url> | --upstream-url <url>] [--access login_required|public]',
  options: hostingOptions,
  run: async (values) => saveApp(values, required(values, 'org', create.usage), null),
};

const setUrl: Subcommand = {
  usage: 'app set-url <appId> --org <orgId> (--artifact-url <url> | --upstream-url <url>)   one origin per app: a taken origin is refused',
  options: hostingOptions,
  positionals: ['appId'],
  run: async (values, [appId]) => saveApp(values, required(values, 'org', setUrl.usage), appId!),
};

const list: Subcommand = {
  usage: 'app list --org <orgId>',
  options: { org: { type: 'string' } },
  async run(values) {
    for (const a of await listOrgApps(required(values, 'org', list.usage))) {
      console.log([a.id, a.title, a.artifactUrl ?? '(building)', a.upstreamUrl ? `proxied from ${a.upstreamUrl}` : ''].join('  ').trim());
    }
  },
};

export const appHostingCommands = { create, 'set-url': setUrl, list };
