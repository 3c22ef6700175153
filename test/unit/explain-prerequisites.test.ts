import { describe, expect, it } from 'vitest';
import { explainPairing } from '../../shared/explain';
import { memberKey } from '../../shared/rules';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instance,
  instanceSide,
  pairing,
  rule,
  state,
  withRules,
} from './builders';

const both = pairing({ name: 'p', sides: [instanceSide(accountA, 'i-a'), instanceSide(accountB, 'i-b')] });
const a = instance(accountA, 'i-a', '10.0.0.1', ['sg-a']);
const b = instance(accountB, 'i-b', '10.1.0.1', ['sg-b']);
const groups = [group(accountA, 'sg-a'), group(accountB, 'sg-b')];

describe('explainPairing: directions and network prerequisites', () => {
  it('explains both directions of a both-ways pairing, one of a first-to-second one', () => {
    const cfg = config([both, { ...both, name: 'q', direction: 'first-to-second' }]);
    const actual = state({ groups, instances: [a, b] });
    expect(explainPairing(cfg, 'p', actual).directions.map((d) => [d.from.instanceId, d.to.instanceId])).toEqual([
      ['i-a', 'i-b'],
      ['i-b', 'i-a'],
    ]);
    expect(explainPairing(cfg, 'q', actual).directions.map((d) => [d.from.instanceId, d.to.instanceId])).toEqual([
      ['i-a', 'i-b'],
    ]);
  });

  it('same VPC is met; different VPCs are a warning naming both, which no rule fixes', () => {
    const same = explainPairing(config([both]), 'p', state({ groups, instances: [a, b] }));
    const apart = explainPairing(config([both]), 'p', state({ groups, instances: [a, { ...b, vpcId: 'vpc-b' }] }));

    expect(same.prerequisites).toEqual([
      { code: 'SameRegion', status: 'ok', message: 'both sides were found in cn-qingdao' },
      { code: 'SameVpc', status: 'ok', message: 'both sides are in vpc-shared', vpcIds: ['vpc-shared'] },
    ]);
    expect(apart.prerequisites[1]).toEqual({
      code: 'VpcConnectionNeeded',
      status: 'warning',
      vpcIds: ['vpc-shared', 'vpc-b'],
      message: expect.stringMatching(/different VPCs, vpc-shared and vpc-b: .*CEN, VPC peering or a VPN gateway/),
    });
  });

  it('a stopped or missing instance fails its prerequisite and leaves the directions Unknown', () => {
    const stopped = explainPairing(config([both]), 'p', state({ groups, instances: [a, { ...b, status: 'Stopped' }] }));
    const missing = explainPairing(config([both]), 'p', state({ groups, instances: [a] }));

    expect(stopped.prerequisites).toContainEqual({
      code: 'InstanceRunning',
      status: 'failed',
      message: 'instance i-b is Stopped, not Running',
      instanceId: 'i-b',
    });
    expect(stopped.directions.map((d) => [d.verdict, d.reason])).toEqual([
      ['Unknown', 'EndpointUnknown'],
      ['Unknown', 'EndpointUnknown'],
    ]);
    expect(missing.prerequisites[0]).toMatchObject({
      code: 'SameRegion',
      status: 'failed',
      message: `instance i-b of account ${accountB} was not found in cn-qingdao`,
    });
    expect(missing.allowed).toBe(false);
  });

  it('a group side is represented by its first Running member; without one, by the group alone', () => {
    const p = pairing({
      name: 'g',
      sides: [groupSide(accountA, 'sg-a'), instanceSide(accountB, 'i-b')],
      direction: 'first-to-second',
    });
    const byGroup = withRules(group(accountB, 'sg-b'), [
      rule({ groupId: 'sg-b', accountId: accountB, peer: { kind: 'group', groupId: 'sg-a', ownerId: accountA } }),
    ]);
    const members = {
      [memberKey({ accountId: accountA, securityGroupId: 'sg-a' })]: [
        instance(accountA, 'i-a9', '10.0.0.9', ['sg-a'], { status: 'Stopped' }),
        a,
      ],
    };

    const withMember = explainPairing(config([p]), 'g', {
      ...state({ groups: [group(accountA, 'sg-a'), byGroup], instances: [b] }),
      memberInstances: members,
    });
    const alone = explainPairing(
      config([p]),
      'g',
      state({ groups: [group(accountA, 'sg-a'), byGroup], instances: [b] }),
    );

    expect(withMember.directions[0]).toMatchObject({
      verdict: 'Allowed',
      from: { instanceId: 'i-a', ip: '10.0.0.1' },
      notes: ['group sg-a is represented by its member i-a (10.0.0.1)'],
    });
    expect(alone.directions[0]).toMatchObject({
      verdict: 'Allowed',
      from: { groupIds: ['sg-a'], vpcId: 'vpc-shared' },
      notes: [expect.stringContaining('no known Running member')],
    });
  });

  it('an unknown pairing name is a UsageError', () => {
    expect(() => explainPairing(config([both]), 'nope', state({}))).toThrow(
      expect.objectContaining({ code: 'UnknownPairing' }),
    );
  });
});
