import { readFileSync } from 'node:fs';

const TICK_US = 10_000; // /proc/<pid>/stat counts in USER_HZ ticks: 100 a second

/** A process's user + system CPU time so far (all its threads), in µs; null when it is gone or there is no /proc. */
export function processCpuUs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return null;
  }
}
