import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import { EVENT_FIXTURES, eventJson } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { mutate, mutationArb } from '../support/mutations';
import { DECLARED_RULES, pairedRules } from '../support/revoked-pairings';
import { servedFaces } from '../support/served-faces';
import { useEmulator } from '../support/use-emulator';

// Mutated EventBridge events through the real instance-events handler, against the emulator
// through the real SDKs: none throws, none writes (the HTTP faces: fuzz-faces-http).

beforeAll(() => void vi.spyOn(process.stdout, 'write').mockImplementation(() => true)); // the handlers' FC log lines
afterAll(() => vi.restoreAllMocks());

describe('instance-events: 50 mutated events through the real handler', () => {
  const cloud = useEmulator({ per: 'suite' });
  const faces = servedFaces(cloud, { converged: true });

  it(
    'each ends Reconciled or NothingInScope, every ignored event with a reason; none throws; nothing is written',
    { timeout: 60_000 },
    async () => {
      const fixtures = EVENT_FIXTURES.map((n) => eventJson<unknown>(n));
      const outcomes = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...fixtures),
          fc.array(mutationArb, { maxLength: 3 }),
          async (fixture, mutations) => {
            const result = (await instanceEvents(
              Buffer.from(JSON.stringify(mutate(fixture, mutations)) ?? ''),
              fcContext('sg-pairing-instance-events'),
            )) as EventsResult;
            outcomes.set(result.status, (outcomes.get(result.status) ?? 0) + 1);
            expect(['Reconciled', 'NothingInScope']).toContain(result.status);
            expect(result.ignored.every((i) => i.reason.length > 0 && i.message.length > 0)).toBe(true);
            if (result.status === 'Reconciled')
              expect(result.report).toMatchObject({ ok: true, counts: { failed: 0, rulesAdded: 0 } });
          },
        ),
        { numRuns: 50, seed: 20261129 },
      );
      expect(outcomes.get('Reconciled')).toBeGreaterThan(5);
      expect(outcomes.get('NothingInScope')).toBeGreaterThan(5);
      expect(faces.writeCalls()).toEqual([]);
      expect(pairedRules(cloud.emulator)).toEqual(DECLARED_RULES);
    },
  );
});
