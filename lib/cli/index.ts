import { closeDb, getDb } from '@/db/client';
import { EmbeddedDatabaseBusyError } from '@/db/embedded-lock';
import { EnvError } from '@/lib/config/env';
import { runApiTokenCommand } from './api-token-commands';
import { runKeysCommand } from './keys-commands';
import { runInviteCommand } from './invite-commands';
import { runWebhookCommand } from './webhook-commands';
import { WebhookUrlError } from '@/lib/gateway/webhooks/endpoint-url';
import { seedDemoWorld } from '@/lib/demo/seed';
import { InvitationError } from '@/lib/auth/invitations';

const USAGE = `Usage: npm run cli -- <command>
  migrate                                   apply the database migrations
  seed                                      write the demo world (idempotent)
  api-token create --email <e> --org <id> [--expires-in-days <n>] [--name <text>]
  api-token list --email <e>
  api-token revoke <id>
  keys list | keys rotate | keys activate | keys revoke <kid>
  invite create --org <id> --email <e> [--role admin|member] [--expires-in-days <n>]
  invite list --org <id> | invite revoke <id> --org <id>
  invite domain --org <id> --domain <domain|none>   new users at that verified domain join as members
  webhook add --org <id> --url <url>        stream the org's audit events there (prints the signing secret last)
  webhook list --org <id> | webhook remove <id>`;

export class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      await getDb();
      console.log('Migrations applied.');
      return;
    case 'seed':
      await seedDemoWorld();
      console.log('Demo world seeded. Password for every demo user: demo-password');
      return;
    case 'api-token':
      return runApiTokenCommand(rest);
    case 'keys':
      return runKeysCommand(rest);
    case 'invite':
      return runInviteCommand(rest);
    case 'webhook':
      return runWebhookCommand(rest);
    default:
      throw new UsageError(USAGE);
  }
}

run(process.argv.slice(2))
  .then(async () => {
    await closeDb();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    const expected = error instanceof UsageError || error instanceof EnvError || error instanceof EmbeddedDatabaseBusyError || error instanceof InvitationError || error instanceof WebhookUrlError;
    console.error(expected ? (error as Error).message : `Failed: ${error instanceof Error ? error.message : String(error)}`);
    await closeDb().catch(() => {});
    process.exit(1);
  });
