import { pgliteTemplate, TEMPLATE_VARIABLE } from './pglite-template';

/** Once per run of the integration projects, before any test file starts (harness/pglite-template.ts). */
export default function setup(): void {
  process.env[TEMPLATE_VARIABLE] = pgliteTemplate();
}
