import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { parseConfigText, type Diagnostic } from '../../shared/config';
import { damageText, mutate, mutationArb, textDamageArb } from '../support/mutations';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';

// 10,000 configs mutated from valid ones (as YAML, JSON or damaged text): each is accepted, or
// rejected with diagnostics that each carry a code and a path (the root is ''); never a throw.

const RUNS = 10_000;
/** the smallest valid config (cheap to parse: the 10,000 runs are bounded by the YAML parser) */
const small = {
  version: 1,
  name: 'p',
  region: 'cn-qingdao',
  accounts: { a: { id: ACCOUNT_A_ID } },
  pairings: [
    {
      name: 'x',
      between: [
        { account: 'a', securityGroup: 'sg-a' },
        { account: 'a', instance: 'i-b' },
      ],
    },
  ],
};
/** every optional field set once, so mutations reach them */
const full = {
  version: 1,
  name: 'prod',
  region: 'cn-hangzhou',
  roleName: 'sg-pairing',
  accounts: {
    a: { id: ACCOUNT_A_ID, externalId: 'ext-123' },
    b: { id: ACCOUNT_B_ID, roleArn: `acs:ram::${ACCOUNT_B_ID}:role/other` },
  },
  pairings: [
    {
      name: 'db',
      between: [
        { account: 'a', securityGroup: 'sg-aaa' },
        { account: 'b', securityGroup: 'sg-bbb' },
      ],
      protocol: 'tcp',
      ports: '3306/3306',
      direction: 'first-to-second',
      priority: 5,
      region: 'cn-hangzhou',
    },
    {
      name: 'web',
      between: [
        { account: 'a', instance: 'i-aaa' },
        { account: 'a', instance: 'i-bbb', securityGroup: 'sg-ccc' },
      ],
    },
  ],
};
/** the example file as written, comments and all, for the text-level damage */
const exampleText = readFileSync(resolve(__dirname, '..', '..', 'examples', 'pairings.yaml'), 'utf8');

/** `key`, `.key`, `[0]` and `["odd key"]` segments, as the config diagnostics write paths */
const PATH = /^(?:[A-Za-z_][\w-]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])(?:\.[A-Za-z_][\w-]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])*$/;

const inputArb = fc.oneof(
  {
    weight: 9,
    arbitrary: fc
      .record({
        base: fc.oneof(
          { arbitrary: fc.constant<unknown>(small), weight: 3 },
          { arbitrary: fc.constant<unknown>(full), weight: 1 },
        ),
        mutations: fc.array(mutationArb, { minLength: 0, maxLength: 3 }),
        // JSON (a YAML subset) renders fastest; block and flow YAML reach the YAML-specific paths
        format: fc.constantFrom('json', 'json', 'yaml', 'flow'),
        damage: fc.option(textDamageArb, { freq: 4, nil: undefined }),
      })
      .map(({ base, mutations, format, damage }) => {
        const rendered = render(mutate(base, mutations), format);
        return damage ? damageText(rendered, damage) : rendered;
      }),
  },
  {
    weight: 1,
    arbitrary: fc.array(textDamageArb, { minLength: 1, maxLength: 3 }).map((ds) => ds.reduce(damageText, exampleText)),
  },
);

function render(value: unknown, format: string): string {
  if (format === 'json') return JSON.stringify(value) ?? '';
  return stringify(value, format === 'flow' ? { collectionStyle: 'flow' } : {});
}

function wellFormed(d: Diagnostic): boolean {
  return (
    (d.severity === 'error' || d.severity === 'warning') &&
    /^[A-Z][A-Za-z0-9]*$/.test(d.code) &&
    typeof d.path === 'string' &&
    (d.path === '' || PATH.test(d.path)) &&
    typeof d.message === 'string' &&
    d.message.length > 0
  );
}

describe(`parseConfigText on ${RUNS.toLocaleString('en')} mutated configs`, () => {
  // yaml warns on the process (not in the diagnostics) about a collection used as a map key: keep
  // the test output readable (reported to the config owner: `logLevel: 'error'` would silence it)
  beforeAll(() => void vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it('accepts or rejects each with located, coded diagnostics; never throws', { timeout: 60_000 }, () => {
    const seen = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(inputArb, (text) => {
        const result = parseConfigText(text, 'fuzz.yaml');
        // cheap checks inside the loop (10,000 runs); a failure is shrunk and reported by fast-check
        if (result.ok) {
          seen.accepted++;
          return result.warnings.every(wellFormed);
        }
        seen.rejected++;
        return (
          result.diagnostics.length > 0 &&
          result.diagnostics.every(wellFormed) &&
          result.diagnostics.some((d) => d.severity === 'error')
        );
      }),
      { numRuns: RUNS, seed: 20261129 },
    );
    // both outcomes are exercised, so the property is not vacuous
    expect(seen.accepted).toBeGreaterThan(RUNS / 50);
    expect(seen.rejected).toBeGreaterThan(RUNS / 2);
  });

  it('never lets a prototype-polluting key through, and leaves Object.prototype alone', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const text = `${render(full, 'yaml')}${key}: { polluted: true }\n`;
      const result = parseConfigText(text, 'fuzz.yaml');
      expect(result.ok).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
