import { env } from '@/lib/platform/config/env';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, 'silent'>;
export type LogFields = Record<string, string | number | boolean | null | undefined>;

// Writes to a pipe are synchronous on Linux: lines are queued and written together after the
// current request's work, never on its path.
let queue: string[] = [];
let scheduled = false;

function flush() {
  scheduled = false;
  if (queue.length === 0) return;
  const out = queue.join('');
  queue = [];
  process.stdout.write(out);
}
process.once('exit', flush);

function threshold(): number {
  try {
    return LEVELS[env().LOG_LEVEL];
  } catch {
    return LEVELS.info; // configuration not loadable yet
  }
}

function write(level: Level, event: string, fields: LogFields) {
  if (LEVELS[level] < threshold()) return;
  // One JSON line per event. Callers pass ids and codes only: never tokens, secrets, SQL or stacks.
  queue.push(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

export const log = {
  debug: (event: string, fields: LogFields = {}) => write('debug', event, fields),
  info: (event: string, fields: LogFields = {}) => write('info', event, fields),
  warn: (event: string, fields: LogFields = {}) => write('warn', event, fields),
  error: (event: string, fields: LogFields = {}) => write('error', event, fields),
};
