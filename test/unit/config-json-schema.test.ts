import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configJsonSchemaPath, renderConfigJsonSchema } from '../../shared/config/write-schema';
import { baseDocument } from './config-fixtures';

describe('pairings.schema.json', () => {
  it('is what write-schema.ts generates (run `npx tsx shared/config/write-schema.ts` after changing the schema)', () => {
    expect(readFileSync(configJsonSchemaPath, 'utf8')).toBe(renderConfigJsonSchema());
  });

  it('accepts the example and rejects an unknown key, as an editor would', () => {
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
      JSON.parse(renderConfigJsonSchema()) as object,
    );
    const example = parse(readFileSync(join(__dirname, '../../examples/pairings.yaml'), 'utf8')) as unknown;

    expect([validate(example), validate(baseDocument()), validate({ ...baseDocument(), colour: 'red' })]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
