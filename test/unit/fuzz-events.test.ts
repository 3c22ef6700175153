import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScope } from '../../shared/triggers/eventbridge';
import {
  parseEventBridgeInput,
  type IgnoreReason,
  type ParsedEvent,
  type TouchedResources,
} from '../../shared/triggers/eventbridge';
import { EVENT_FIXTURES, eventJson } from '../support/event-fixtures';
import { damageText, mutate, mutationArb, oddValue, textDamageArb } from '../support/mutations';
import { exampleConfig } from '../support/product';

// 10,000 EventBridge inputs mutated from the fixtures, through the instance-events parsing and scope
// layer (pure: no cloud): each event ends touched (then in or out of scope) or ignored with a reason.

const RUNS = 10_000;
const CONFIG = exampleConfig();
const PAIRINGS = new Set(CONFIG.pairings.map((p) => p.name));
const FIXTURES = EVENT_FIXTURES.map((name) => eventJson<unknown>(name));
const REASONS = new Set<IgnoreReason>([
  'InvalidJson',
  'NotACloudEvent',
  'UnhandledType',
  'InvalidRecord',
  'UnhandledEventName',
  'FailedApiCall',
  'StateNotRunning',
  'MissingAccount',
  'MissingRegion',
  'NoResources',
  'UndeclaredAccount',
  'OtherRegion',
  'AccountMismatch',
]);
// reached only by crafted input (a list nested thousands deep, a parser failure): their own tests in
// test/unit/eventbridge-hardening.test.ts; accepted here, not required to be seen
const CRAFTED_ONLY = new Set<IgnoreReason>(['NestingTooDeep', 'UnreadableEvent']);
const ID = /^(i|sg)-[\w-]+$/;

/** As FC may hand it: a Buffer of JSON (or damaged JSON), a string, an object, or a batch whose items may be strings. */
const inputArb = fc.record({
  fixture: fc.constantFrom(...FIXTURES),
  strip: fc.subarray(['account', 'region', 'resources'] as const),
  mutations: fc.array(mutationArb, { maxLength: 4 }),
  envelope: fc.constantFrom('buffer', 'buffer', 'string', 'object', 'batch', 'stringified-data'),
  damage: fc.option(textDamageArb, { freq: 6, nil: undefined }),
  extra: fc.option(oddValue, { freq: 5, nil: undefined }),
});

/** Where an event may name its account, region and resources (so the mutations reach the Missing* reasons). */
const NAMED_BY: Record<'account' | 'region' | 'resources', string[][]> = {
  account: [['aliyunaccountid'], ['aliyunoriginalaccountid'], ['data', 'userIdentity'], ['data', 'userId']],
  region: [['aliyunregionid'], ['data', 'acsRegion'], ['data', 'regionId']],
  resources: [
    ['subject'],
    ['data', 'requestParameters'],
    ['data', 'responseElements'],
    ['data', 'referencedResources'],
    ['data', 'resourceId'],
    ['data', 'content', 'resourceId'],
  ],
};

function stripped(fixture: unknown, what: readonly (keyof typeof NAMED_BY)[]): unknown {
  const copy = structuredClone(fixture) as Record<string, unknown>;
  for (const path of what.flatMap((w) => NAMED_BY[w])) {
    const parent = path
      .slice(0, -1)
      .reduce<unknown>(
        (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        copy,
      );
    if (parent !== null && typeof parent === 'object')
      delete (parent as Record<string, unknown>)[path[path.length - 1]];
  }
  return copy;
}

type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function render({ fixture, strip, mutations, envelope, damage, extra }: Input): unknown {
  const event = mutate(stripped(fixture, strip), mutations) as Record<string, unknown>;
  if (envelope === 'object') return event;
  if (envelope === 'batch')
    return Buffer.from(JSON.stringify([event, JSON.stringify(event), ...(extra === undefined ? [] : [extra])]));
  if (envelope === 'stringified-data' && event !== null && typeof event === 'object' && !Array.isArray(event))
    return Buffer.from(JSON.stringify({ ...event, data: JSON.stringify(event.data) }));
  const text = JSON.stringify(event) ?? '';
  const damaged = damage ? damageText(text, damage) : text;
  return envelope === 'string' ? damaged : Buffer.from(damaged);
}

function isEmptyBatch(input: unknown): boolean {
  if (Array.isArray(input)) return input.length === 0;
  try {
    const value: unknown = JSON.parse(Buffer.isBuffer(input) ? input.toString('utf8') : String(input));
    return Array.isArray(value) && value.length === 0;
  } catch {
    return false;
  }
}

function sortedUnique(ids: readonly string[]): boolean {
  return ids.every((id, i) => typeof id === 'string' && ID.test(id) && (i === 0 || ids[i - 1] < id));
}

function wellFormed(e: ParsedEvent): boolean {
  if (e.kind === 'ignored')
    return (
      (REASONS.has(e.ignored.reason) || CRAFTED_ONLY.has(e.ignored.reason)) &&
      typeof e.ignored.message === 'string' &&
      e.ignored.message.length > 0
    );
  const t: TouchedResources = e.touched;
  return (
    typeof t.accountId === 'string' &&
    t.accountId !== '' &&
    typeof t.region === 'string' &&
    t.region !== '' &&
    sortedUnique(t.instanceIds) &&
    sortedUnique(t.groupIds) &&
    t.instanceIds.length + t.groupIds.length > 0 &&
    typeof t.groupRulesChanged === 'boolean'
  );
}

describe(`the instance-events parsing and scope on ${RUNS.toLocaleString('en')} mutated inputs`, () => {
  it(
    'each event is touched or ignored with a known reason; the scope names only declared pairings; nothing throws',
    { timeout: 60_000 },
    () => {
      const seen = { touched: 0, inScope: 0, reasons: new Set<string>() };
      fc.assert(
        fc.property(inputArb, (input) => {
          const rendered = render(input);
          const events = parseEventBridgeInput(rendered);
          // an empty batch holds no event to account for; anything else yields at least one
          if (events.length === 0) return isEmptyBatch(rendered);
          if (!events.every(wellFormed)) return false;
          const touched = events.flatMap((e) => (e.kind === 'touched' ? [e.touched] : []));
          for (const e of events) if (e.kind === 'ignored') seen.reasons.add(e.ignored.reason);
          seen.touched += touched.length;
          const scope = computeScope(CONFIG, touched);
          for (const i of scope.ignored) seen.reasons.add(i.reason);
          if (scope.pairings.length > 0) seen.inScope++;
          // every touched event outside the config is accounted for, with its reason
          const outside = touched.filter(
            (t) =>
              !CONFIG.pairings.some((p) => p.region === t.region) ||
              !Object.values(CONFIG.accounts).some((a) => a.accountId === t.accountId),
          );
          return (
            scope.pairings.every((p, i) => PAIRINGS.has(p) && (i === 0 || scope.pairings[i - 1] < p)) &&
            scope.matches.every((m) => scope.pairings.includes(m.pairing)) &&
            scope.ignored.every(
              (i) => (i.reason === 'UndeclaredAccount' || i.reason === 'OtherRegion') && i.message.length > 0,
            ) &&
            scope.ignored.length === outside.length
          );
        }),
        { numRuns: RUNS, seed: 20261129 },
      );
      // the mutations reach every outcome, so the property is not vacuous
      expect(seen.touched).toBeGreaterThan(RUNS / 10);
      expect(seen.inScope).toBeGreaterThan(RUNS / 10);
      expect([...REASONS].filter((r) => !seen.reasons.has(r))).toEqual([]);
    },
  );

  it('bytes that are not JSON at all, or JSON of every other shape, are ignored (InvalidJson, NotACloudEvent)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
        ),
        (bytes) => {
          const events = parseEventBridgeInput(bytes);
          return events.every((e) => (e.kind === 'ignored' ? REASONS.has(e.ignored.reason) : wellFormed(e)));
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});
