import { describe } from 'vitest';
import { describeProxyAccessToken } from './artifact-proxy-access-token-suite';

// One file, both databases, one after the other: each run starts its own gateway on a fresh database.
describe.each(['pglite', 'postgres'] as const)('%s', (kind) => {
  describeProxyAccessToken(kind);
});
