/**
 * Regenerates pairings.schema.json from the zod schema:  npx tsx shared/config/write-schema.ts
 * A unit test fails when the committed file differs from what this writes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeConfigJsonSchema } from './config-schema';

export const configJsonSchemaPath = join(__dirname, 'pairings.schema.json');

export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(computeConfigJsonSchema(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(configJsonSchemaPath, renderConfigJsonSchema());
  process.stdout.write(`wrote ${configJsonSchemaPath}\n`);
}
