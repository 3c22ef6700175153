import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// issue 18, item 5: the event function's concurrency is capped in s.yaml (fc3 `concurrencyConfig`,
// validated against the fc3 schema by s-yaml.test.ts), so a storm of events cannot run it unbounded.
const raw = parse(readFileSync(join(resolve(__dirname, '..', '..'), 's.yaml'), 'utf8')) as {
  resources: Record<string, { props: { functionName: string; concurrencyConfig?: { reservedConcurrency?: unknown } } }>;
};
const props = (name: string) => Object.values(raw.resources).find((r) => r.props.functionName === name)!.props;

describe('s.yaml: the event function is capped', () => {
  it('instance-events has a small reserved concurrency', () => {
    const reserved = props('sg-pairing-instance-events').concurrencyConfig?.reservedConcurrency;
    expect(Number.isInteger(reserved)).toBe(true);
    expect(reserved).toBeGreaterThanOrEqual(1);
    expect(reserved).toBeLessThanOrEqual(10);
  });
});
