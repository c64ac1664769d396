import { describe } from 'vitest';
import { describeDemoPlatformApi } from './demo-platform-api-suite';

// One file, both databases, one after the other: each run starts its own gateway on a fresh database.
describe.each(['pglite', 'postgres'] as const)('%s', (kind) => {
  describeDemoPlatformApi(kind);
});
