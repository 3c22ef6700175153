import { describe, expect, it } from 'vitest';
import { checkMemberAddress, cidrWithin, isPrivateRange } from '../../shared/net';
import { planPairings } from '../../shared/plan';
import { factKey } from '../../shared/rules';
import { accountA, accountB, config, group, instance, pairing, state, tagSide, groupSide } from './builders';
import { baseDocument, firstPairing, parseDocumentObject } from './config-fixtures';
import type { Diagnostic } from '../../shared/config';

const diagnosticsOf = (r: ReturnType<typeof parseDocumentObject>): readonly Diagnostic[] =>
  r.ok ? r.warnings : r.diagnostics;

// A member's address is opened in a peer's group only within the private or declared ranges and
// within its VPC's CIDR blocks (issue 18, finding 1).

describe('checkMemberAddress: the pure range check', () => {
  const inVpc = (cidrs: string[] | null | undefined, declared: string[] = []) => ({
    declared,
    vpcCidrs: cidrs,
    vpcId: 'vpc-1',
  });

  it.each([
    ['10.1.2.3', ['10.1.0.0/16']],
    ['172.31.255.254', ['172.16.0.0/12']],
    ['192.168.0.1', ['192.168.0.0/24']],
    ['100.127.0.1', ['100.64.0.0/10']],
  ])('admits %s, private and within its VPC', (ip, vpc) => {
    expect(checkMemberAddress(ip, inVpc(vpc))).toBeUndefined();
  });

  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '0.0.0.0', '255.255.255.255', '', 'not-an-ip'])(
    'refuses %s: outside the private ranges and none declared',
    (ip) => {
      expect(checkMemberAddress(ip, inVpc(['0.0.0.0/0']))).toMatchObject({ reason: 'OutsideAllowedRanges' });
    },
  );

  it('a declared range admits a public address, still only within the VPC', () => {
    expect(checkMemberAddress('8.8.8.8', inVpc(['8.8.8.0/24'], ['8.8.0.0/16']))).toBeUndefined();
    expect(checkMemberAddress('8.8.8.8', inVpc(['10.0.0.0/8'], ['8.8.0.0/16']))).toEqual({
      reason: 'OutsideVpc',
      vpcId: 'vpc-1',
      vpcCidrs: ['10.0.0.0/8'],
    });
  });

  it('refuses a private address outside its VPC, or in a VPC not found; classic (undefined) checks the ranges only', () => {
    expect(checkMemberAddress('10.2.0.1', inVpc(['10.1.0.0/16', '100.64.0.0/16']))).toMatchObject({
      reason: 'OutsideVpc',
    });
    expect(checkMemberAddress('10.1.0.1', inVpc(null))).toEqual({ reason: 'VpcNotFound', vpcId: 'vpc-1' });
    expect(checkMemberAddress('10.1.0.1', inVpc(undefined))).toBeUndefined();
  });

  it('containment and private ranges are whole-range: 172.0.0.0/8 is not private, 10.0.0.0/8 is', () => {
    expect([isPrivateRange('10.0.0.0/8'), isPrivateRange('172.0.0.0/8'), isPrivateRange('0.0.0.0/0')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([cidrWithin('10.1.0.0/16', '10.0.0.0/8'), cidrWithin('10.0.0.0/8', '10.1.0.0/16')]).toEqual([true, false]);
  });
});

describe('the plan: a refused member is reported and never written', () => {
  const side = tagSide(accountA, { role: 'cache' });
  const cache = pairing({ name: 'cache', sides: [side, groupSide(accountB, 'sg-db')], direction: 'first-to-second' });
  const members = [
    instance(accountA, 'i-ok', '10.0.0.5', ['sg-web']),
    instance(accountA, 'i-evil', '8.8.8.8', ['sg-web']),
  ];
  const actual = (vpcCidrs: string[]) => ({
    ...state({
      groups: [group(accountA, 'sg-web'), group(accountB, 'sg-db')],
      members: [[{ accountId: accountA, tags: { role: 'cache' } }, members]],
    }),
    vpcs: { [factKey(accountA, 'vpc-shared')]: { vpcId: 'vpc-shared', cidrs: vpcCidrs } },
  });

  it('AddressNotAllowed names the instance and its account; only the private member gets a rule', () => {
    const plan = planPairings(config([cache]), actual(['10.0.0.0/16', '8.8.8.0/24']));
    const added = plan.groups.flatMap((g) => g.add.map((a) => (a.rule.peer.kind === 'cidr' ? a.rule.peer.cidr : '')));
    expect(added).toEqual(['10.0.0.5/32']);
    expect(plan.pairings[0]!.warnings).toEqual([
      {
        code: 'AddressNotAllowed',
        accountId: accountA,
        message: expect.stringContaining('address 8.8.8.8 of instance i-evil in account 1111111111111111') as string,
      },
    ]);
  });

  it('a side whose members are all refused is not reported as having no members', () => {
    const plan = planPairings(config([cache]), actual(['8.8.8.0/24']));
    expect(plan.pairings[0]!.warnings.map((w) => w.code)).toEqual(['AddressNotAllowed', 'AddressNotAllowed']);
  });
});

describe('config: cidrs outside the private ranges are a diagnostic unless allowed', () => {
  const cidrSides = (cidrs: string[], extra: Record<string, unknown> = {}) => {
    const d = baseDocument();
    Object.assign(firstPairing(d), {
      strategy: 'cidr',
      between: [
        { account: 'a', securityGroup: 'sg-aaa', cidrs, ...extra },
        { account: 'b', securityGroup: 'sg-bbb', cidrs: ['10.9.0.0/16'] },
      ],
    });
    return d;
  };

  it('0.0.0.0/0 and a public range are errors naming the config path', () => {
    const r = parseDocumentObject(cidrSides(['10.0.0.0/16', '0.0.0.0/0', '8.8.8.0/24']));
    expect(r.ok).toBe(false);
    expect(
      diagnosticsOf(r)
        .filter((d) => d.code === 'PublicCidr')
        .map((d) => [d.severity, d.path]),
    ).toEqual([
      ['error', 'pairings[0].between[0].cidrs[1]'],
      ['error', 'pairings[0].between[0].cidrs[2]'],
    ]);
  });

  it('allowPublic: true on the side, or a declared range of the side or account, allows them', () => {
    expect(parseDocumentObject(cidrSides(['0.0.0.0/0'], { allowPublic: true })).ok).toBe(true);
    expect(parseDocumentObject(cidrSides(['8.8.8.0/24'], { allowedMemberRanges: ['8.8.0.0/16'] })).ok).toBe(true);
    const d = cidrSides(['8.8.8.0/24']);
    (d.accounts as Record<string, Record<string, unknown>>).a!.allowedMemberRanges = ['8.8.8.0/24'];
    const r = parseDocumentObject(d);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.pairings[0]!.sides[0].allowedMemberRanges).toEqual(['8.8.8.0/24']);
  });

  it('an allowedMemberRanges entry that is no CIDR is an error at its path', () => {
    const d = baseDocument();
    (d.accounts as Record<string, Record<string, unknown>>).a!.allowedMemberRanges = ['8.8.8.0/33'];
    const r = parseDocumentObject(d);
    expect(diagnosticsOf(r).map((x) => [x.code, x.path])).toEqual([
      ['InvalidCidr', 'accounts.a.allowedMemberRanges[0]'],
    ]);
  });
});
