import { describe } from 'vitest';
import { describeManagementAudit } from './management-audit-suite';

// One file, both databases, one after the other. Runs alone (vitest.config.ts): the audit cursor, like
// the revocation feed, shows only transactions older than every one still running in the cluster.
describe.each(['pglite', 'postgres'] as const)('%s', (kind) => {
  describeManagementAudit(kind);
});
