import { afterEach, describe, expect, it } from 'vitest';
import { logged } from '@/e2e/integration/harness/logged';
import { nextWait, startJobs, stopJobs, type PeriodicJob } from './background-jobs';

afterEach(() => stopJobs());

/** Resolves when `count` has reached n. */
const until = async (count: () => number, n: number) => {
  while (count() < n) await new Promise((r) => setTimeout(r, 1));
};

describe('background jobs', () => {
  it('a run that throws, or rejects, is logged and the job runs again at its next tick', async () => {
    let runs = 0;
    const job: PeriodicJob = {
      name: 'flaky',
      firstMs: 0,
      everyMs: 1,
      run: async () => {
        runs++;
        if (runs === 1) throw new TypeError('boom');
        if (runs === 2) await Promise.reject(new RangeError('later'));
      },
    };
    let syncRuns = 0;
    // Not an async function: it throws before any promise exists.
    const syncThrow: PeriodicJob = {
      name: 'sync-throw',
      firstMs: 0,
      everyMs: 1,
      run: () => {
        syncRuns++;
        throw new SyntaxError('at once');
      },
    };
    const lines = await logged(async () => {
      startJobs([job, syncThrow]);
      await until(() => runs, 4);
      await until(() => syncRuns, 2);
      await stopJobs();
    });
    const failures = lines.filter((l) => l.event === 'job_failed');
    expect(failures).toEqual(expect.arrayContaining([
      expect.objectContaining({ level: 'warn', job: 'flaky', error: 'TypeError' }),
      expect.objectContaining({ level: 'warn', job: 'flaky', error: 'RangeError' }),
      expect.objectContaining({ level: 'warn', job: 'sync-throw', error: 'SyntaxError' }),
    ]));
    expect(failures.filter((l) => l.job === 'flaky')).toHaveLength(2);
  });

  it('stopping waits for the run in flight, and nothing runs after', async () => {
    let runs = 0;
    let finished = 0;
    let release = () => {};
    startJobs([{
      name: 'slow',
      firstMs: 0,
      everyMs: 1,
      run: async (stopping) => {
        runs++;
        await new Promise<void>((r) => (release = r));
        expect(stopping.aborted).toBe(true); // told to wind down
        finished++;
      },
    }]);
    const stopped = stopJobs();
    release();
    await stopped;
    expect({ runs, finished }).toEqual({ runs: 1, finished: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
  });

  it('starts a job of a name once, however often the gateway starts; stopped, it can start again', async () => {
    let runs = 0;
    const job: PeriodicJob = { name: 'once', firstMs: 0, everyMs: 60_000, run: async () => void runs++ };
    startJobs([job]);
    startJobs([job, { ...job }]);
    await stopJobs();
    expect(runs).toBe(1);
    startJobs([job]);
    await stopJobs();
    expect(runs).toBe(2);
  });

  it('a job hosted elsewhere (a thread) is started, and stopped with the rest', async () => {
    const events: string[] = [];
    startJobs([{ name: 'hosted', start: () => (events.push('start'), async () => void events.push('stop')) }]);
    expect(events).toEqual(['start']);
    await stopJobs();
    expect(events).toEqual(['start', 'stop']);
  });

  it('an idle job backs off by doubling up to its ceiling; work, or a job without a ceiling, keeps the pace', () => {
    const poller = { everyMs: 1000, idleMaxMs: 10_000 };
    const waits = [1000];
    for (let i = 0; i < 5; i++) waits.push(nextWait(poller, false, waits.at(-1)!));
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(nextWait(poller, true, 10_000)).toBe(1000);
    expect(nextWait({ everyMs: 60_000 }, false, 60_000)).toBe(60_000);
  });
});
