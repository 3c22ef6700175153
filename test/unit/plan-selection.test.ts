import { describe, expect, it } from 'vitest';
import { planPairings, selectPairings } from '../../shared/plan';
import { accountA, accountB, config, group, groupSide, pairing, state } from './builders';

const cfg = config([
  pairing({ name: 'web', sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] }),
  pairing({ name: 'db', sides: [groupSide(accountA, 'sg3'), groupSide(accountB, 'sg2')] }),
]);
const actual = state({ groups: [group(accountA, 'sg1'), group(accountB, 'sg2'), group(accountA, 'sg3')] });

describe('planPairings: --pairing selection', () => {
  it('plans only the named pairings and records the selection', () => {
    const plan = planPairings(cfg, actual, { pairings: ['web'] });

    expect({
      selection: plan.selection,
      pairings: plan.pairings.map((p) => p.name),
      groups: plan.groups.map((g) => g.groupId),
    }).toEqual({
      selection: ['web'],
      pairings: ['web'],
      groups: ['sg1', 'sg2'],
    });
  });

  it('throws UnknownPairing, naming every unknown name, before planning anything', () => {
    expect(() => planPairings(cfg, actual, { pairings: ['web', 'nope', 'gone'] })).toThrow(
      expect.objectContaining({ code: 'UnknownPairing', retryable: false, pairing: 'gone' }),
    );
  });

  it('selects all pairings, by name, when no names are given', () => {
    expect(selectPairings(cfg).map((p) => p.name)).toEqual(['db', 'web']);
  });
});
