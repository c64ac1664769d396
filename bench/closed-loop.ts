/**
 * Calls `call` from `callers` loops at once, each making its next call when its last one ends, for
 * `ms` milliseconds: how many calls were made, and the CPU time this process spent meanwhile in µs
 * (process.cpuUsage: all its threads).
 */
export async function closedLoop(callers: number, ms: number, call: () => Promise<unknown>): Promise<{ n: number; cpuUs: number }> {
  let n = 0;
  const cpu0 = process.cpuUsage();
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < until) {
        await call();
        n++;
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { n, cpuUs: cpu.user + cpu.system };
}

/**
 * parseArgs options of a bench measured in rounds of `closedLoop`: --seconds a round, --rounds, and
 * --callers (the loops at once; 8 unless given), with this bench's defaults.
 */
export function closedLoopFlags(defaults: { seconds: string; rounds: string }) {
  return {
    seconds: { type: 'string', default: defaults.seconds },
    rounds: { type: 'string', default: defaults.rounds },
    callers: { type: 'string', default: '8' },
  } as const;
}
