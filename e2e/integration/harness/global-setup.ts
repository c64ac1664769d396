import { ADMIN_DATABASE_URL } from './databases';
import { pgliteTemplate, TEMPLATE_VARIABLE } from './pglite-template';
import { POSTGRES_TEMPLATE_VARIABLE, postgresTemplate } from './postgres-template';

/** Once per run of the integration projects, before any test file starts: the migrated databases fresh ones copy. */
export default async function setup(): Promise<void> {
  process.env[TEMPLATE_VARIABLE] = pgliteTemplate();
  process.env[POSTGRES_TEMPLATE_VARIABLE] = await postgresTemplate(ADMIN_DATABASE_URL);
}
