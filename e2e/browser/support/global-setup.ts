import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Removes the databases (and stored sign-ins) of earlier browser runs; this run's is kept. */
export default function globalSetup(): void {
  const current = process.env.E2E_PGLITE_DIR;
  if (!current) return;
  const dir = path.dirname(current);
  const mine = path.basename(current);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  // Only this world's kind (e2e-<time> or e2e-serial-<time>): npm test runs the other beside it.
  const kind = mine.startsWith('e2e-serial-') ? /^e2e-serial-\d+(\.auth|\.lock|\.secrets\.json|\.plain-upstream\.jsonl)?$/ : /^e2e-\d+(\.auth|\.lock|\.secrets\.json|\.plain-upstream\.jsonl)?$/;
  for (const entry of entries) {
    if (kind.test(entry) && !entry.startsWith(mine)) {
      rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}
