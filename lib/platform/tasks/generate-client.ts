// npm run generate:client — writes lib/management-client/schema.gen.ts, the management client's types,
// from the OpenAPI document the gateway serves (lib/platform/http/openapi.ts). Commit the result: a
// unit test (lib/management-client/schema.test.ts) fails when it is stale.
import { writeFileSync } from 'node:fs';
import { generatedSchemaSource, SCHEMA_FILE } from './generated-schema';

writeFileSync(SCHEMA_FILE, await generatedSchemaSource());
console.log(`wrote ${SCHEMA_FILE}`);
