import { readFileSync } from 'node:fs';

/**
 * The process an npm script started to run `program` (`npm start`'s .next/app-gateway-server.mjs, `npm
 * run artifact-proxy`'s lib/artifact-proxy/main.ts): the deepest descendant of `launcherPid` whose
 * command line names it (npm, its shell and the Node 24 launcher name it too); 0 when there is none.
 */
export function serverPid(launcherPid: number, program = 'app-gateway-server.mjs'): number {
  const children = readFileSync(`/proc/${launcherPid}/task/${launcherPid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  for (const c of children) {
    const nested = serverPid(c, program);
    if (nested) return nested;
    if (readFileSync(`/proc/${c}/cmdline`, 'utf8').includes(program)) return c;
  }
  return 0;
}
