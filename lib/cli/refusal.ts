import { EmbeddedDatabaseBusyError } from '@/db/embedded-lock';
import { MigrationLockTimeoutError } from '@/db/migration-lock';
import { GatewayError, type Refusal } from '@/lib/gateway/errors';
import { EnvError } from '@/lib/platform/config/env';
import { HelpRequested, UsageError } from './args';

/** What the CLI prints, where, and the exit status it ends with. */
export type Rendered = { stream: 'stdout' | 'stderr'; text: string; exitCode: number };

/**
 * The CLI's one renderer of refusals, whatever the code of the table: the detail (a sentence written
 * for the operator) on stderr, exit status 1 — the same status for every refusal, as for a usage mistake.
 */
export const renderRefusal = (r: Refusal): Rendered => ({ stream: 'stderr', text: r.detail, exitCode: 1 });

/** Failures of the machine rather than of the request: their message says what to do. */
const ENVIRONMENT = [EnvError, EmbeddedDatabaseBusyError, MigrationLockTimeoutError];

/** How a command that threw ends: help (0), a usage mistake, a refusal thrown, the environment, or anything else as a failure. */
export function renderThrown(error: unknown): Rendered {
  if (error instanceof HelpRequested) return { stream: 'stdout', text: error.message, exitCode: 0 };
  if (error instanceof GatewayError) return renderRefusal(error.refusal);
  if (error instanceof UsageError || ENVIRONMENT.some((kind) => error instanceof kind)) return { stream: 'stderr', text: (error as Error).message, exitCode: 1 };
  return { stream: 'stderr', text: `Failed: ${error instanceof Error ? error.message : String(error)}`, exitCode: 1 };
}
