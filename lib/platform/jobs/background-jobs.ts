import { log } from '@/lib/platform/log';

// The process's background work, started with the gateway (lib/platform/startup.ts) and stopped with
// the production server (lib/platform/server/main.ts): timers are unref'd (never what keeps a process
// alive) and stopping one waits for its run in flight, so a pass is recorded and its leases released.

/**
 * A job run on a timer, each run after the previous one ended (runs of a job never overlap in a
 * process). A run that throws is logged (`job_failed`) and the job runs again at its next tick. Every
 * instance runs every job: a job is idempotent, or takes its turn by an advisory lock or SKIP LOCKED.
 */
export type PeriodicJob = {
  /** Names the job in the log. */
  name: string;
  /** Before the first run; 0 starts it at once. */
  firstMs: number;
  /** From the end of a run to the next. */
  everyMs: number;
  /** With it, a run that found nothing to do (returned false) doubles the wait, up to this; a run that did something resets it to everyMs. */
  idleMaxMs?: number;
  /** One run. `stopping` aborts when the job stops: finish what is in flight, start nothing new. */
  run: (stopping: AbortSignal) => Promise<boolean | void>;
};

/** A job that runs elsewhere (a thread of its own): `start` starts it and returns how to stop it. */
type HostedJob = { name: string; start: () => () => Promise<void> };

export type BackgroundJob = PeriodicJob | HostedJob;

const running = new Map<string, () => Promise<void>>();

/** Starts each job not already running (by name): starting the gateway twice starts nothing twice. */
export function startJobs(jobs: readonly BackgroundJob[]): void {
  for (const job of jobs) {
    if (running.has(job.name)) continue;
    running.set(job.name, 'start' in job ? job.start() : schedule(job));
  }
}

/** Stops every job: no run starts after this; resolves once the runs in flight have ended. */
export async function stopJobs(): Promise<void> {
  const stops = [...running.values()];
  running.clear();
  await Promise.allSettled(stops.map((stop) => stop()));
}

/** The wait before the next run, given the last one's outcome and the wait before it. */
export function nextWait(job: Pick<PeriodicJob, 'everyMs' | 'idleMaxMs'>, worked: boolean, previous: number): number {
  if (job.idleMaxMs === undefined || worked) return job.everyMs;
  return Math.min(previous * 2, job.idleMaxMs);
}

function schedule(job: PeriodicJob): () => Promise<void> {
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let wait = job.everyMs;
  const tick = () => {
    inFlight = runOnce(job, stopping.signal).then((worked) => {
      wait = nextWait(job, worked, wait);
      if (!stopping.signal.aborted) timer = setTimeout(tick, wait).unref();
    });
  };
  if (job.firstMs === 0) tick();
  else timer = setTimeout(tick, job.firstMs).unref();
  return async () => {
    stopping.abort();
    clearTimeout(timer);
    await inFlight;
  };
}

/** Whether the run did something (a failed one did not); never throws. */
async function runOnce(job: PeriodicJob, stopping: AbortSignal): Promise<boolean> {
  try {
    return (await job.run(stopping)) !== false;
  } catch (error) {
    log.warn('job_failed', { job: job.name, error: error instanceof Error ? error.name : typeof error });
    return false;
  }
}
