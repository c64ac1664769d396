import pino, { type Logger } from 'pino';
import { env, type Env } from '@/lib/platform/config/env';
import { CENSORED, redactPaths, scrubLine } from './log-redaction';

type Level = 'debug' | 'info' | 'warn' | 'error';
type LogValue = string | number | boolean | null | undefined | LogValue[] | { [key: string]: LogValue };
export type LogFields = Record<string, LogValue>;

// One JSON line per event on stdout: {"level":"info","time":"<ISO 8601>","event":"…",…fields}.
// Written synchronously (process.stdout is synchronous for files, pipes and terminals on Linux; no
// pino transport: its worker threads do not survive bundling). Callers pass ids, codes and counts;
// log-redaction.ts censors whatever looks like a credential or an email all the same.
function create(): Logger {
  return pino(
    {
      base: null, // no pid or hostname: the shipper adds the instance
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: scrubLine },
      redact: { paths: redactPaths, censor: CENSORED },
    },
    process.stdout,
  );
}

let logger: Logger | undefined;
let configured: Env | undefined;

/** The logger at LOG_LEVEL, read again whenever the configuration is (tests reset it); `info` until it can be read. */
function current(): Logger {
  logger ??= create();
  let e: Env | undefined;
  try {
    e = env();
  } catch {
    // configuration not loadable yet
  }
  if (e !== configured) {
    configured = e;
    logger.level = e?.LOG_LEVEL ?? 'info';
  }
  return logger;
}

const write = (level: Level) => (event: string, fields: LogFields = {}) => current()[level]({ event, ...fields });

export const log = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
