import { describe } from 'vitest';
import { describeScimReplay } from './scim-replay-suite';

// One file, both databases, one after the other: each run starts its own gateway on a fresh database.
describe.each(['pglite', 'postgres'] as const)('%s', (kind) => {
  describeScimReplay(kind);
});
