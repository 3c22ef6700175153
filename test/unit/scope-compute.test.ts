import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeScope } from '../../shared/triggers/eventbridge';
import type { TouchedResources } from '../../shared/triggers/eventbridge';
import { pairingsArb } from './arbitraries';
import { accountA, accountB, config, groupSide, instanceSide, pairing, tagSide } from './builders';
import { ACCOUNT_C_ID } from '../support/identities';

const touched = (over: Partial<TouchedResources> = {}): TouchedResources => ({
  eventId: 'e-1',
  cause: 'ApiCall:Test',
  accountId: accountA,
  region: 'cn-qingdao',
  instanceIds: [],
  groupIds: [],
  groupRulesChanged: false,
  ...over,
});

// web: two instance sides of a; app-db: group sides in a and b; pinned: an instance side naming its group;
// one-way: only the second side (an instance of a, no group named) receives
const cfg = config([
  pairing({ name: 'web', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2')] }),
  pairing({ name: 'app-db', sides: [groupSide(accountA, 'sg-app'), groupSide(accountB, 'sg-db')] }),
  pairing({ name: 'pinned', sides: [instanceSide(accountB, 'i-b1', 'sg-b1'), groupSide(accountA, 'sg-app')] }),
  pairing({
    name: 'one-way',
    sides: [instanceSide(accountA, 'i-a3'), instanceSide(accountB, 'i-b2')],
    direction: 'first-to-second',
  }),
]);

describe('computeScope: touched resources to the pairings that involve them', () => {
  it('an instance side touched: its pairings, and the group sides of its account that may send by address', () => {
    const scope = computeScope(cfg, [touched({ instanceIds: ['i-a1'] })]);
    expect(scope).toEqual({
      pairings: ['app-db', 'pinned', 'web'],
      matches: [
        { pairing: 'app-db', accountId: accountA, resource: 'i-a1', via: 'group-member' },
        { pairing: 'pinned', accountId: accountA, resource: 'i-a1', via: 'group-member' },
        { pairing: 'web', accountId: accountA, resource: 'i-a1', via: 'instance-side' },
      ],
      ignored: [],
    });
  });

  it('an instance event naming no group: group sides under group or cidr are not widened', () => {
    const fixed = config([
      pairing({
        name: 'by-ref',
        sides: [groupSide(accountA, 'sg-app'), groupSide(accountB, 'sg-db')],
        strategy: 'group',
      }),
      pairing({
        name: 'by-range',
        sides: [
          { ...groupSide(accountA, 'sg-app'), cidrs: ['10.0.0.0/16'] },
          { ...groupSide(accountB, 'sg-db'), cidrs: ['10.1.0.0/16'] },
        ],
        strategy: 'cidr',
      }),
      pairing({
        name: 'by-address',
        sides: [groupSide(accountA, 'sg-app'), groupSide(accountB, 'sg-db')],
        strategy: 'addresses',
        direction: 'first-to-second',
      }),
    ]);
    expect(computeScope(fixed, [touched({ instanceIds: ['i-x'] })]).pairings).toEqual(['by-address']);
    // the second side of a one-way pairing only receives: its members do not matter
    expect(computeScope(fixed, [touched({ accountId: accountB, instanceIds: ['i-y'] })]).pairings).toEqual([]);
  });

  it('a tag side: any instance of its account may have joined or left it (launched, tagged, untagged, released)', () => {
    const tagged = config([
      pairing({
        name: 'web-db',
        sides: [tagSide(accountA, { role: 'web' }), groupSide(accountB, 'sg-db')],
        strategy: 'addresses',
        direction: 'first-to-second',
      }),
      pairing({
        name: 'into-named',
        sides: [groupSide(accountB, 'sg-db'), tagSide(accountA, { role: 'web' }, 'sg-web')],
        strategy: 'cidr',
        direction: 'first-to-second',
      }),
    ]);
    expect(computeScope(tagged, [touched({ instanceIds: ['i-new'], groupIds: ['sg-other'] })])).toEqual({
      pairings: ['web-db'],
      matches: [{ pairing: 'web-db', accountId: accountA, resource: 'i-new', via: 'tag-member' }],
      ignored: [],
    });
    // a tag side that only receives in a named group under cidr: its receiving group is what matters
    expect(computeScope(tagged, [touched({ groupIds: ['sg-web'], groupRulesChanged: true })]).pairings).toEqual([
      'into-named',
    ]);
  });

  it('a group side touched: its pairings; a membership change does not widen to instance sides', () => {
    const scope = computeScope(cfg, [touched({ groupIds: ['sg-app'] })]);
    expect(scope.pairings).toEqual(['app-db', 'pinned']);
    expect(scope.matches.map((m) => m.via)).toEqual(['group-side', 'group-side']);
  });

  it("a group's rules changed: also the receiving instance sides of that account that name no group", () => {
    const scope = computeScope(cfg, [touched({ groupIds: ['sg-a1'], groupRulesChanged: true })]);
    expect(scope).toEqual({
      pairings: ['web'],
      matches: [{ pairing: 'web', accountId: accountA, resource: 'sg-a1', via: 'receiving-group' }],
      ignored: [],
    });
  });

  it('a named receiving group matches only itself; a side that never receives is not widened', () => {
    expect(
      computeScope(cfg, [touched({ accountId: accountB, groupIds: ['sg-b1'], groupRulesChanged: true })]).pairings,
    ).toEqual(['one-way', 'pinned']);
    expect(
      computeScope(cfg, [touched({ accountId: accountB, groupIds: ['sg-other'], groupRulesChanged: true })]).pairings,
    ).toEqual(['one-way']);
    // i-a3 only sends (first side of first-to-second): a rule change in account a is not its business
    expect(computeScope(cfg, [touched({ groupIds: ['sg-x'], groupRulesChanged: true })]).pairings).toEqual(['web']);
  });

  it('a new instance that is no side reaches the pairings of the groups the event names', () => {
    const runInstances = touched({ instanceIds: ['i-new1', 'i-new2'], groupIds: ['sg-app'] });
    expect(computeScope(cfg, [runInstances]).pairings).toEqual(['app-db', 'pinned']);
  });

  it('a burst is the union, each pairing once', () => {
    const scope = computeScope(cfg, [
      touched({ instanceIds: ['i-a1'] }),
      touched({ instanceIds: ['i-a2'] }),
      touched({ accountId: accountB, groupIds: ['sg-db'] }),
    ]);
    expect(scope.pairings).toEqual(['app-db', 'pinned', 'web']);
    // web by each instance, app-db and pinned by each instance as possible members of sg-app, app-db by sg-db
    expect(scope.matches).toHaveLength(7);
  });

  it('the account is part of the identity: the same ID in another account matches nothing', () => {
    expect(
      computeScope(cfg, [touched({ accountId: accountB, instanceIds: ['i-a1'], groupIds: ['sg-app'] })]).pairings,
    ).toEqual([]);
  });

  it('an undeclared account and a region without pairings are ignored with a reason', () => {
    const scope = computeScope(cfg, [
      touched({ accountId: ACCOUNT_C_ID, instanceIds: ['i-a1'] }),
      touched({ region: 'cn-hangzhou', instanceIds: ['i-a1'] }),
    ]);
    expect(scope).toEqual({
      pairings: [],
      matches: [],
      ignored: [
        {
          reason: 'UndeclaredAccount',
          message: `account ${ACCOUNT_C_ID} is not declared in the config`,
          eventId: 'e-1',
          cause: 'ApiCall:Test',
          accountId: ACCOUNT_C_ID,
          region: 'cn-qingdao',
        },
        {
          reason: 'OtherRegion',
          message: 'no pairing is in region cn-hangzhou',
          eventId: 'e-1',
          cause: 'ApiCall:Test',
          accountId: accountA,
          region: 'cn-hangzhou',
        },
      ],
    });
  });

  it('pairings of another region are not matched', () => {
    const two = config([
      ...cfg.pairings,
      pairing({
        name: 'far',
        region: 'cn-beijing',
        sides: [instanceSide(accountA, 'i-a1'), groupSide(accountA, 'sg-far')],
      }),
    ]);
    expect(computeScope(two, [touched({ instanceIds: ['i-a1'] })]).pairings).toEqual(['app-db', 'pinned', 'web']);
    expect(computeScope(two, [touched({ region: 'cn-beijing', instanceIds: ['i-a1'] })]).pairings).toEqual(['far']);
  });

  it('nothing touched, nothing in scope', () => {
    expect(computeScope(cfg, [])).toEqual({ pairings: [], matches: [], ignored: [] });
  });
});

describe('computeScope properties', () => {
  it('never misses: every pairing with a touched side resource is in scope, and the order of events does not change the scope', () => {
    fc.assert(
      fc.property(
        pairingsArb,
        fc.array(
          fc.record({
            account: fc.constantFrom(accountA, accountB),
            i: fc.integer({ min: 0, max: 3 }),
            kind: fc.constantFrom('instance', 'group'),
          }),
          { maxLength: 4 },
        ),
        (pairings, picks) => {
          const c = config(pairings);
          const events = picks.map((p) =>
            touched({
              accountId: p.account,
              ...(p.kind === 'instance'
                ? { instanceIds: [`i-${p.i}`] }
                : { groupIds: [`sg-${p.i}`], groupRulesChanged: true }),
            }),
          );
          const scope = computeScope(c, events);
          for (const p of pairings) {
            const hit = p.sides.some((s) =>
              events.some((e) => {
                if (e.accountId !== s.accountId) return false;
                const sending = p.direction === 'both' || p.sides[0] === s;
                switch (s.kind) {
                  case 'instance':
                    return e.instanceIds.includes(s.instanceId);
                  case 'group':
                    // named, or possibly a member that came or went (an instance event naming no group)
                    return (
                      e.groupIds.includes(s.securityGroupId) ||
                      (e.groupIds.length === 0 && e.instanceIds.length > 0 && sending && p.strategy !== 'cidr')
                    );
                  case 'tags':
                    return e.instanceIds.length > 0 && sending && p.strategy !== 'cidr';
                }
              }),
            );
            if (hit) expect(scope.pairings).toContain(p.name);
          }
          const reversed = computeScope(c, [...events].reverse());
          expect({ pairings: reversed.pairings, matches: reversed.matches }).toEqual({
            pairings: scope.pairings,
            matches: scope.matches,
          });
        },
      ),
    );
  });
});
