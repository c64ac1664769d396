import { describe } from 'vitest';
import { describeScimOidcBinding } from './scim-oidc-binding-suite';

// One file, both databases, one after the other: each run starts its own provider and gateway on a fresh database.
describe.each(['pglite', 'postgres'] as const)('%s', (kind) => {
  describeScimOidcBinding(kind);
});
