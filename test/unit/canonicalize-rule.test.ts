import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalizeRule, ruleKey, type CanonicalRule, type RawPermission } from '../../shared/rules';
import { accountA, accountB, rule } from './builders';

interface DescribeResponse {
  SecurityGroupId: string;
  Permissions: { Permission: RawPermission[] };
}

const response = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/describe-security-group-attribute.json'), 'utf8'),
) as DescribeResponse;
const holder = { accountId: accountA, groupId: response.SecurityGroupId };

describe('canonicalizeRule', () => {
  it('reads every rule of a DescribeSecurityGroupAttribute response', () => {
    // Act
    const rules = response.Permissions.Permission.map((raw) => canonicalizeRule(raw, holder));

    // Assess
    const expected: CanonicalRule[] = [
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        peer: { kind: 'cidr', cidr: '10.0.0.2/32' },
        description: 'added by hand',
        ruleId: 'sgr-001',
      }),
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        protocol: 'tcp',
        ports: '5432/5432',
        peer: { kind: 'group', groupId: 'sg-b2', ownerId: accountB },
        policy: 'drop',
        priority: 10,
        ruleId: 'sgr-002',
      }),
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        peer: { kind: 'group', groupId: 'sg-a9', ownerId: accountA },
        description: 'sg-pairing:prod:app',
        ruleId: 'sgr-003',
      }),
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        peer: { kind: 'ipv6-cidr', cidr: '2001:db8::/32' },
        ruleId: 'sgr-004',
      }),
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        peer: { kind: 'prefix-list', prefixListId: 'pl-x1' },
        ruleId: 'sgr-005',
      }),
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        peer: { kind: 'cidr', cidr: '10.0.0.2/32' },
        ruleId: 'sgr-006',
        unmatchable: 'quintuple',
      }),
    ];
    expect(rules).toEqual(expected);
  });

  it('gives the same key to every spelling of one rule', () => {
    const spellings: RawPermission[] = [
      {
        IpProtocol: 'ALL',
        PortRange: '-1/-1',
        SourceCidrIp: '10.0.0.2',
        Policy: 'Accept',
        Priority: '1',
        NicType: 'intranet',
      },
      {
        IpProtocol: 'all',
        PortRange: '-1/-1',
        SourceCidrIp: '10.0.0.2/32',
        Policy: 'accept',
        Priority: '',
        NicType: '',
      },
      { IpProtocol: 'All', SourceCidrIp: ' 10.0.0.2 ', Description: 'whatever' },
    ];

    const keys = new Set(spellings.map((raw) => ruleKey(canonicalizeRule(raw, holder))));

    expect([...keys]).toEqual([`${accountA}/sg-a1|all|-1/-1|cidr:10.0.0.2/32|accept|1|intranet`]);
  });

  it('treats an empty owner as the group account, and an explicit owner as given', () => {
    const own = canonicalizeRule({ IpProtocol: 'ALL', SourceGroupId: 'sg-x', SourceGroupOwnerAccount: '' }, holder);
    const explicit = canonicalizeRule(
      { IpProtocol: 'ALL', SourceGroupId: 'sg-x', SourceGroupOwnerAccount: accountA },
      holder,
    );

    expect(ruleKey(own)).toBe(ruleKey(explicit));
  });

  it.each<[string, RawPermission, string]>([
    ['egress', { Direction: 'egress', IpProtocol: 'ALL', SourceCidrIp: '10.0.0.2' }, 'egress'],
    ['unknown protocol', { IpProtocol: 'SCTP', SourceCidrIp: '10.0.0.2' }, 'protocol "SCTP"'],
    ['tcp without ports', { IpProtocol: 'TCP', PortRange: '', SourceCidrIp: '10.0.0.2' }, 'ports ""'],
    ['odd policy', { IpProtocol: 'ALL', Policy: 'Maybe', SourceCidrIp: '10.0.0.2' }, 'policy "Maybe"'],
    ['odd priority', { IpProtocol: 'ALL', Priority: 'high', SourceCidrIp: '10.0.0.2' }, 'priority "high"'],
    ['bad cidr', { IpProtocol: 'ALL', SourceCidrIp: '10.0.0.300' }, 'source "10.0.0.300"'],
    ['no source', { IpProtocol: 'ALL' }, 'no source'],
    [
      'source port range',
      { IpProtocol: 'TCP', PortRange: '22/22', SourcePortRange: '1/2', SourceCidrIp: '10.0.0.2' },
      'quintuple',
    ],
  ])('marks a rule it cannot compare as unmatchable: %s', (_name, raw, mark) => {
    expect(canonicalizeRule(raw, holder).unmatchable).toBe(mark);
  });

  it('keeps ports of tcp and udp, and writes -1/-1 for the others', () => {
    const tcp = canonicalizeRule({ IpProtocol: 'TCP', PortRange: '80/443', SourceCidrIp: '10.0.0.0/8' }, holder);
    const icmp = canonicalizeRule({ IpProtocol: 'ICMP', PortRange: '', SourceCidrIp: '10.0.0.0/8' }, holder);

    expect([tcp.ports, icmp.ports, tcp.peer, icmp.unmatchable]).toEqual([
      '80/443',
      '-1/-1',
      { kind: 'cidr', cidr: '10.0.0.0/8' },
      undefined,
    ]);
  });
});
