import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { closeDb } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import type { Refusal } from '@/lib/gateway/errors';
import { seedDemoWorld } from '@/lib/gateway/demo/seed';
import { apiTokenCommands } from './api-token-commands';
import { appCommands } from './app-commands';
import { HelpRequested, runGroup, UsageError, type Subcommand } from './args';
import { groupCommands } from './group-commands';
import { inviteCommands } from './invite-commands';
import { keysCommands } from './keys-commands';
import { renderRefusal, renderThrown, type Rendered } from './refusal';
import { resourceCommands } from './resource-commands';
import { serviceAccountCommands } from './service-account-commands';
import { orgCommands } from './org-commands';
import { sessionsCommands } from './sessions-commands';
import { shareCommands } from './share-commands';
import { userCommands } from './user-commands';
import { webhookCommands } from './webhook-commands';

const topLevel: Record<string, Subcommand> = {
  migrate: {
    usage: 'migrate   apply the database migrations',
    async run() {
      console.log('Migrations applied.');
    },
  },
  seed: {
    usage: 'seed   write the demo world (idempotent)',
    async run() {
      await seedDemoWorld();
      console.log('Demo world seeded. Password for every demo user: demo-password');
    },
  },
};

const groups: Record<string, Record<string, Subcommand>> = {
  'api-token': apiTokenCommands,
  keys: keysCommands,
  invite: inviteCommands,
  sessions: sessionsCommands,
  user: userCommands,
  app: appCommands,
  group: groupCommands,
  webhook: webhookCommands,
  'service-account': serviceAccountCommands,
  org: orgCommands,
  share: shareCommands,
  resource: resourceCommands,
};

function usage(): string {
  const lines = [...Object.values(topLevel), ...Object.values(groups).flatMap((g) => Object.values(g))].map((c) => `  ${c.usage}`);
  return `Usage: npm run cli -- <command> [--help]\n${lines.join('\n')}`;
}

async function run(argv: string[]): Promise<void | Refusal> {
  const [command, ...rest] = argv;
  // Every command works on a migrated database; `migrate` is just that step alone.
  if (command && (Object.hasOwn(groups, command) || Object.hasOwn(topLevel, command)) && !rest.includes('--help')) await migrateDatabase();
  if (command && Object.hasOwn(groups, command)) return runGroup(command, groups[command]!, rest);
  if (command && Object.hasOwn(topLevel, command)) return runGroup(command, { [command]: topLevel[command]! }, argv);
  if (command === '--help' || command === '-h' || command === 'help') throw new HelpRequested(usage());
  throw new UsageError(command ? `Unknown command '${command}'.\n${usage()}` : usage());
}

/**
 * One command line, as `npm run cli -- <argv>` runs it: its output and any refusal or error printed
 * (one renderer, lib/cli/refusal.ts), the database closed; answers the exit status. The tests call it
 * in their own process (e2e/integration/harness/cli.ts).
 */
export async function runCli(argv: string[]): Promise<number> {
  let rendered: Rendered | null;
  try {
    const outcome = await run(argv);
    rendered = outcome ? renderRefusal(outcome) : null;
  } catch (error: unknown) {
    rendered = renderThrown(error);
  }
  if (rendered) (rendered.stream === 'stdout' ? console.log : console.error)(rendered.text);
  await closeDb().catch(() => {});
  return rendered?.exitCode ?? 0;
}

/** Whether this module is the program node started (`npm run cli`, dist/app-gateway/cli.mjs), not an import. */
function startedAsProgram(): boolean {
  try {
    return import.meta.url === pathToFileURL(realpathSync(process.argv[1] ?? '')).href;
  } catch {
    return false;
  }
}

if (startedAsProgram()) void runCli(process.argv.slice(2)).then((status) => process.exit(status));
