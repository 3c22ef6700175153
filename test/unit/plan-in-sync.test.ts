import { describe, expect, it } from 'vitest';
import { planHasChanges, planPairings, type Plan } from '../../shared/plan';
import { canonicalizeRule, type RawPermission } from '../../shared/rules';
import {
  accountA,
  accountB,
  config,
  group,
  groupSide,
  instance,
  instanceSide,
  pairing,
  state,
  withRules,
} from './builders';

/** Rules as the API spells them: bare IP, upper-case protocol, "Accept", empty owner for the own account. */
function readRules(accountId: string, groupId: string, raws: RawPermission[]) {
  return raws.map((raw) =>
    canonicalizeRule(
      { Direction: 'ingress', PortRange: '-1/-1', NicType: 'intranet', Priority: '1', ...raw },
      { accountId, groupId },
    ),
  );
}

describe('planPairings: InSync', () => {
  it('plans nothing when every desired rule is present, however it is spelled and whoever made it', () => {
    // Prepare
    const cfg = config([
      pairing({ name: 'web-pair', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2')] }),
      pairing({ name: 'app-db', sides: [groupSide(accountA, 'sg1'), groupSide(accountA, 'sg2')] }),
      pairing({ name: 'cross', sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg-b')] }),
    ]);
    const actual = state({
      instances: [instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1']), instance(accountA, 'i-a2', '10.0.0.2', ['sg-a2'])],
      groups: [
        withRules(
          group(accountA, 'sg-a1'),
          readRules(accountA, 'sg-a1', [
            { IpProtocol: 'ALL', SourceCidrIp: '10.0.0.2', Policy: 'Accept', Description: 'by hand' },
          ]),
        ),
        withRules(
          group(accountA, 'sg-a2'),
          readRules(accountA, 'sg-a2', [
            { IpProtocol: 'all', SourceCidrIp: '10.0.0.1/32', Policy: 'accept', Priority: '' },
          ]),
        ),
        withRules(
          group(accountA, 'sg1'),
          readRules(accountA, 'sg1', [
            { IpProtocol: 'ALL', SourceGroupId: 'sg2', SourceGroupOwnerAccount: '', Policy: 'Accept' },
            {
              IpProtocol: 'ALL',
              SourceGroupId: 'sg-b',
              SourceGroupOwnerAccount: accountB,
              Policy: 'Accept',
              NicType: '',
            },
          ]),
        ),
        withRules(
          group(accountA, 'sg2'),
          readRules(accountA, 'sg2', [
            { IpProtocol: 'ALL', SourceGroupId: 'sg1', SourceGroupOwnerAccount: accountA, Policy: 'Accept' },
          ]),
        ),
        withRules(
          group(accountB, 'sg-b'),
          readRules(accountB, 'sg-b', [
            { IpProtocol: 'ALL', SourceGroupId: 'sg1', SourceGroupOwnerAccount: accountA, Policy: 'Accept' },
          ]),
        ),
      ],
    });

    // Act
    const plan = planPairings(cfg, actual);

    // Assess
    const inSync = (name: string, rulesPresent: number, chosen: 'group' | 'addresses', reason: string) => ({
      name,
      status: 'InSync' as const,
      rulesToAdd: 0,
      rulesPresent,
      warnings: [],
      strategy: { chosen, reason },
    });
    const expected: Plan = {
      version: 1,
      deployment: 'prod',
      region: 'cn-qingdao',
      selection: null,
      pairings: [
        inSync('app-db', 2, 'group', 'OneVpc'),
        inSync('cross', 2, 'group', 'OneVpc'),
        inSync('web-pair', 2, 'addresses', 'NoGroupSide'),
      ],
      groups: [],
      counts: {
        pairings: 3,
        inSync: 3,
        changes: 0,
        blocked: 0,
        failed: 0,
        rulesToAdd: 0,
        groupsToChange: 0,
        rulesToRevoke: 0,
        rulesWouldRevoke: 0,
      },
      receiving: {
        rulesPerGroup: 200,
        referencedGroupsPerGroup: 20,
        sides: [
          { pairing: 'app-db', side: 0, accountId: accountA, groupId: 'sg1' },
          { pairing: 'app-db', side: 1, accountId: accountA, groupId: 'sg2' },
          { pairing: 'cross', side: 0, accountId: accountA, groupId: 'sg1' },
          { pairing: 'cross', side: 1, accountId: accountB, groupId: 'sg-b' },
          { pairing: 'web-pair', side: 0, accountId: accountA, groupId: 'sg-a1' },
          { pairing: 'web-pair', side: 1, accountId: accountA, groupId: 'sg-a2' },
        ],
        groups: [
          { accountId: accountA, groupId: 'sg-a1', rules: 1, references: 0 },
          { accountId: accountA, groupId: 'sg-a2', rules: 1, references: 0 },
          { accountId: accountA, groupId: 'sg1', rules: 2, references: 0 },
          { accountId: accountA, groupId: 'sg2', rules: 1, references: 0 },
          { accountId: accountB, groupId: 'sg-b', rules: 1, references: 0 },
        ],
        failedAccounts: [],
      },
    };
    expect(plan).toEqual(expected);
    expect(planHasChanges(plan)).toBe(false);
  });

  it('does not count a rule that differs only in priority, policy or ports as present', () => {
    const cfg = config([
      pairing({
        name: 'p',
        sides: [groupSide(accountA, 'sg1'), groupSide(accountA, 'sg2')],
        direction: 'first-to-second',
      }),
    ]);
    const near = [
      { IpProtocol: 'ALL', SourceGroupId: 'sg1', Priority: '2' },
      { IpProtocol: 'ALL', SourceGroupId: 'sg1', Policy: 'Drop', Priority: '50' },
      { IpProtocol: 'TCP', PortRange: '1/65535', SourceGroupId: 'sg1' },
    ];
    const actual = state({
      groups: [group(accountA, 'sg1'), withRules(group(accountA, 'sg2'), readRules(accountA, 'sg2', near))],
    });

    const plan = planPairings(cfg, actual);

    expect(plan.pairings).toEqual([
      {
        name: 'p',
        status: 'Changes',
        rulesToAdd: 1,
        rulesPresent: 0,
        warnings: [],
        strategy: { chosen: 'group', reason: 'OneVpc' },
      },
    ]);
  });
});
