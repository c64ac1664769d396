import { env } from '@/lib/config/env';
import { appInputSchema } from '@/lib/gateway/app-input';
import { createOrgApp, listOrgApps, originTakenMessage, updateOrgApp } from '@/lib/gateway/org-apps';
import { parseArgs } from './args';

const USAGE =
  'Usage: apps create --org <id> --workflow <id> --title <text> [--artifact-url <url> | --upstream-url <url>] [--access login_required|public]\n' +
  '       apps set-url <appId> --org <id> (--artifact-url <url> | --upstream-url <url>)\n' +
  '       apps list --org <id>';

export class AppCommandError extends Error {}

export async function runAppsCommand(argv: string[]): Promise<void> {
  const { flags, positional } = parseArgs(argv);
  const [sub, appId] = positional;
  const org = flags.get('org');
  if (!org) throw new AppCommandError(USAGE);
  if (sub === 'list') {
    for (const a of await listOrgApps(org)) console.log([a.id, a.title, a.artifactUrl ?? '(building)', a.upstreamUrl ? `proxied from ${a.upstreamUrl}` : ''].join('  ').trim());
    return;
  }
  if (sub !== 'create' && !(sub === 'set-url' && appId)) throw new AppCommandError(USAGE);
  if (flags.has('artifact-url') && flags.has('upstream-url')) throw new AppCommandError('Give --artifact-url or --upstream-url, not both.');
  const existing = sub === 'set-url' ? (await listOrgApps(org)).find((a) => a.id === appId) : undefined;
  if (sub === 'set-url' && !existing) throw new AppCommandError(`No app ${appId} in ${org}.`);
  const parsed = appInputSchema(env().APP_URL).safeParse({
    title: flags.get('title') ?? existing?.title,
    workflowId: flags.get('workflow') ?? existing?.workflowId,
    access: flags.get('access') ?? existing?.access ?? 'login_required',
    hosting: flags.has('upstream-url') ? 'proxy' : 'artifact_url',
    artifactUrl: flags.get('artifact-url') ?? '',
    upstreamUrl: flags.get('upstream-url') ?? '',
  });
  if (!parsed.success) throw new AppCommandError(parsed.error.issues.map((i) => `--${flagOf(String(i.path[0]))}: ${i.message}`).join('\n'));
  const result = sub === 'create' ? await createOrgApp(org, parsed.data) : await updateOrgApp(org, appId!, parsed.data);
  if (!result.ok && result.reason === 'origin_taken') throw new AppCommandError(originTakenMessage(result.origin));
  if (!result.ok && result.reason === 'workflow_not_in_org') throw new AppCommandError(`--workflow: no workflow ${parsed.data.workflowId} in ${org}.`);
  if (!result.ok) throw new AppCommandError(`No app ${appId} in ${org}.`);
  console.log(`${sub === 'create' ? 'Registered' : 'Saved'} ${result.id}.`);
}

const FLAGS: Record<string, string> = { workflowId: 'workflow', artifactUrl: 'artifact-url', upstreamUrl: 'upstream-url' };
const flagOf = (field: string) => FLAGS[field] ?? field;
