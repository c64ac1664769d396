import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedSchemaSource, SCHEMA_FILE } from '@/lib/platform/tasks/generated-schema';

describe('the management client’s generated types', () => {
  it('are those of the OpenAPI document the gateway serves (run `npm run generate:client` and commit when this fails)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await generatedSchemaSource());
  });
});
