import { describe, expect, it } from 'vitest';
import { computeScope, listOnlyPairings, type TouchedResources } from '../../shared/triggers/eventbridge';
import { accountA, config, groupSide, pairing, tagSide } from './builders';

const touched = (over: Partial<TouchedResources> = {}): TouchedResources => ({
  eventId: 'e-1',
  cause: 'ApiCall:RunInstances',
  accountId: accountA,
  region: 'cn-qingdao',
  instanceIds: ['i-new'],
  groupIds: ['sg-web'],
  groupRulesChanged: false,
  ...over,
});

// lists: sg-web sends to sg-app by prefix list; by-address: the same by address; tagged: a tag side
// sends by list; into-tags: sg-web sends to a tag side that receives in its members' first groups
const cfg = config([
  pairing({
    name: 'lists',
    sides: [groupSide(accountA, 'sg-web'), groupSide(accountA, 'sg-app')],
    strategy: 'prefix-list',
    direction: 'first-to-second',
  }),
  pairing({
    name: 'by-address',
    sides: [groupSide(accountA, 'sg-web'), groupSide(accountA, 'sg-db')],
    strategy: 'addresses',
    direction: 'first-to-second',
  }),
  pairing({
    name: 'tagged',
    sides: [tagSide(accountA, { role: 'web' }), groupSide(accountA, 'sg-db')],
    strategy: 'prefix-list',
    direction: 'first-to-second',
  }),
  pairing({
    name: 'into-tags',
    sides: [groupSide(accountA, 'sg-web'), tagSide(accountA, { role: 'cache' })],
    strategy: 'prefix-list',
    direction: 'first-to-second',
  }),
]);

const listOnly = (...t: TouchedResources[]) => listOnlyPairings(cfg, t, computeScope(cfg, t));

describe('listOnlyPairings: prefix-list pairings an event concerns only by their sending side', () => {
  it('a launch into the sending group: the prefix-list pairings sending from it, not the one whose receiving side may hold the instance', () => {
    expect(computeScope(cfg, [touched()]).pairings).toEqual(['by-address', 'into-tags', 'lists', 'tagged']);
    expect(listOnly(touched())).toEqual(['lists', 'tagged']);
  });

  it('a release or state change (no group named): the same', () => {
    expect(listOnly(touched({ cause: 'ApiCall:DeleteInstance', groupIds: [] }))).toEqual(['lists', 'tagged']);
  });

  it('an instance that joined a receiving group: that pairing is read whole', () => {
    expect(listOnly(touched({ groupIds: ['sg-web', 'sg-app'] }))).toEqual(['tagged']);
  });

  it('a rule change, or a burst collapsed to its account: everything read whole', () => {
    expect(listOnly(touched({ groupRulesChanged: true }))).toEqual([]);
    expect(listOnly(touched({ wholeAccount: true }))).toEqual([]);
  });

  it('direction both: read whole (each side receives)', () => {
    const both = config([
      pairing({
        name: 'lists',
        sides: [groupSide(accountA, 'sg-web'), groupSide(accountA, 'sg-app')],
        strategy: 'prefix-list',
      }),
    ]);
    const t = [touched()];
    expect(listOnlyPairings(both, t, computeScope(both, t))).toEqual([]);
  });
});
