import { describe, expect, it } from 'vitest';
import {
  namedGroupLookup,
  parseConfigText,
  withDiscoveredAccounts,
  type NamedGroup,
  type NormalizedConfig,
} from '../../shared/config';
import type { AccountSessions } from '../../shared/cloud/account-sessions';
import { DEFAULT_RETRY } from '../../shared/cloud/retry';
import { findNamedGroups } from '../../shared/directory/find-named-groups';

// A fleet side by name ({ account: "*", securityGroupName: ... }): the group of that name in every
// declared and discovered account (issue 13, item 1, the hub-and-spoke case).
const text = (pairings: string) => `
version: 1
name: org
region: cn-qingdao
resourceDirectory: { roleName: member-role }
accounts:
  shared: { id: "4000000000000001" }
  app: { id: "4000000000000002", externalId: ext-app-001 }
pairings:
${pairings}`;
const pairing = (fleetSide: string, other = '{ account: shared, securityGroup: sg-hub }') =>
  `  - name: bastion\n    protocol: tcp\n    ports: 22/22\n    between: [${other}, ${fleetSide}]`;
const BY_NAME = pairing('{ account: "*", securityGroupName: bastion }');

function parsed(yaml: string): NormalizedConfig {
  const result = parseConfigText(yaml, 'pairings.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}
const codes = (yaml: string) => {
  const result = parseConfigText(yaml, 'pairings.yaml');
  return (result.ok ? result.warnings : result.diagnostics)
    .filter((d) => d.code !== 'ExternalIdMissing')
    .map((d) => [d.code, d.path]);
};

describe('fleet side by name: checks', () => {
  it('is accepted on a fleet side, alone or with tags', () => {
    expect(codes(text(BY_NAME))).toEqual([]);
    expect(codes(text(pairing('{ account: "*", securityGroupName: bastion, tags: { ssh: "on" } }')))).toEqual([]);
  });

  it.each([
    ['an empty name', '{ account: "*", securityGroupName: "" }', 'InvalidSecurityGroupName'],
    ['a name starting with a digit', '{ account: "*", securityGroupName: 1bastion }', 'InvalidSecurityGroupName'],
    ['a name that is a URL', '{ account: "*", securityGroupName: "http://x" }', 'InvalidSecurityGroupName'],
    [
      'a name over 128 characters',
      `{ account: "*", securityGroupName: b${'x'.repeat(128)} }`,
      'InvalidSecurityGroupName',
    ],
    ['a name on an ordinary side', '{ account: app, securityGroupName: bastion }', 'GroupNameNeedsFleet'],
  ])('%s is an error at its path', (_what, side, code) => {
    expect(codes(text(pairing(side)))).toEqual([[code, 'pairings[0].between[1].securityGroupName']]);
  });

  it('a fleet side naming a group id besides the name is an error at the side', () => {
    expect(codes(text(pairing('{ account: "*", securityGroupName: bastion, securityGroup: sg-1 }')))).toEqual([
      ['FleetSideNeedsTags', 'pairings[0].between[1]'],
    ]);
  });
});

describe('fleet side by name: expansion', () => {
  const found: NamedGroup[] = [
    { accountId: '4000000000000002', region: 'cn-qingdao', name: 'bastion', securityGroupId: 'sg-app-bastion' },
    { accountId: '5000000000000009', region: 'cn-qingdao', name: 'bastion', securityGroupId: 'sg-rd-bastion' },
    { accountId: '4000000000000001', region: 'cn-beijing', name: 'bastion', securityGroupId: 'sg-elsewhere' },
  ];

  it('expands only over the accounts where the group was found, as a group side of that id', () => {
    const config = withDiscoveredAccounts(
      parsed(text(BY_NAME)),
      [{ accountId: '5000000000000009', displayName: 'joined' }],
      namedGroupLookup(found),
    );
    expect(config.pairings.map((p) => [p.name, p.sides[1]])).toEqual([
      [
        'bastion--4000000000000002',
        { kind: 'group', accountAlias: 'app', accountId: '4000000000000002', securityGroupId: 'sg-app-bastion' },
      ],
      [
        'bastion--5000000000000009',
        {
          kind: 'group',
          accountAlias: 'rd-5000000000000009',
          accountId: '5000000000000009',
          securityGroupId: 'sg-rd-bastion',
        },
      ],
    ]);
    expect(config.fleet?.[0]?.accounts.map((a) => a.accountId)).toEqual(['4000000000000002', '5000000000000009']);
  });

  it('with tags, the found group is where the tagged instances receive', () => {
    const config = withDiscoveredAccounts(
      parsed(text(pairing('{ account: "*", securityGroupName: bastion, tags: { ssh: "on" } }'))),
      [],
      namedGroupLookup(found),
    );
    expect(config.pairings.map((p) => p.sides[1])).toEqual([
      {
        kind: 'tags',
        accountAlias: 'app',
        accountId: '4000000000000002',
        tags: { ssh: 'on' },
        securityGroupId: 'sg-app-bastion',
      },
    ]);
  });

  it('before any lookup (the config as loaded) a side by name expands to no account', () => {
    expect(parsed(text(BY_NAME)).pairings).toEqual([]);
  });
});

describe('fleet side by name: the lookup', () => {
  const group = (groupId: string, vpcId: string) => ({ groupId, vpcId, type: 'normal' as const, ruleCount: 0 });
  const answers: Record<string, () => Promise<ReturnType<typeof group>[]>> = {
    '4000000000000001': async () => [group('sg-b1', 'vpc-1'), group('sg-b2', 'vpc-2')],
    '4000000000000002': async () => {
      throw Object.assign(new Error('denied'), { code: 'Forbidden.RAM' });
    },
  };
  const sessions = {
    ecs: async (role: { accountId: string }) => ({ listGroupsNamed: answers[role.accountId]! }),
  } as unknown as AccountSessions;

  it('several groups of the name, or a failed lookup: a warning naming the account, and that expansion held', async () => {
    const found = await findNamedGroups(parsed(text(BY_NAME)), {
      sessions,
      retry: { ...DEFAULT_RETRY, maxAttempts: 1 },
    });

    expect(found.found).toEqual([]);
    expect(found.held).toEqual(['bastion--4000000000000001', 'bastion--4000000000000002']);
    expect(found.warnings.map((w) => [w.code, w.account])).toEqual([
      ['GroupNameAmbiguous', '4000000000000001'],
      ['GroupLookupFailed', '4000000000000002'],
    ]);
    expect(found.warnings[0]?.message).toContain('sg-b1 in vpc-1, sg-b2 in vpc-2');
  });

  it('a config without a side by name makes no call', async () => {
    const none = { ecs: () => Promise.reject(new Error('no call expected')) } as unknown as AccountSessions;
    const tags = text(pairing('{ account: "*", tags: { ssh: "on" } }'));
    expect(await findNamedGroups(parsed(tags), { sessions: none })).toEqual({ found: [], held: [], warnings: [] });
  });
});
