import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../shared/config';
import { formatPlan, planPairings, type ActualGroup, type ActualState } from '../../shared/plan';
import {
  factKey,
  memberKey,
  prefixListDescription,
  sizeMaxEntries,
  type CanonicalRule,
  type OwnedPrefixList,
} from '../../shared/rules';

const A = '1111111111111111';
const B = '2222222222222222';

const yaml = (extra = '', sides = `[{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-p0 }]`) =>
  `version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${A}" }, b: { id: "${B}" } }
pairings:
  - name: p0
    between: ${sides}
    direction: first-to-second
    strategy: prefix-list
    protocol: tcp
    ports: 80/80
${extra}`;

function parse(text: string) {
  const r = parseConfigText(text, 'test.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.config;
}

const group = (groupId: string, extra: Partial<ActualGroup> = {}): ActualGroup => ({
  accountId: A,
  groupId,
  vpcId: 'vpc-a',
  type: 'normal',
  innerAccessPolicy: 'Accept',
  rules: [],
  ruleCount: 0,
  referencedGroupCount: 0,
  regionId: 'cn-qingdao',
  ...extra,
});

function state(members: number, receiver: Partial<ActualGroup> = {}, lists: OwnedPrefixList[] = []): ActualState {
  const instances = Array.from({ length: members }, (_, n) => ({
    accountId: A,
    instanceId: `i-${n}`,
    status: 'Running',
    privateIp: `10.0.0.${n + 1}`,
    vpcId: 'vpc-a',
    securityGroupIds: ['sg-web'],
    regionId: 'cn-qingdao',
  }));
  return {
    groups: { [factKey(A, 'sg-web')]: group('sg-web'), [factKey(A, 'sg-p0')]: group('sg-p0', receiver) },
    instances: {},
    memberInstances: { [memberKey({ accountId: A, securityGroupId: 'sg-web' })]: instances },
    vpcs: { [factKey(A, 'vpc-a')]: { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16'] } },
    accountFailures: [],
    prefixLists: Object.fromEntries(lists.map((l) => [factKey(l.accountId, l.prefixListId), l])),
    prefixListAccounts: [A],
  };
}

const description = () => prefixListDescription('demo', 'cn-qingdao', parse(yaml()).pairings[0]!.sides[0]);

describe('strategy prefix-list, planned', () => {
  it('creates one list sized with headroom and one rule referencing it by its pending id', () => {
    const plan = planPairings(parse(yaml()), state(3));
    expect(plan.prefixLists).toEqual([
      expect.objectContaining({ maxEntries: sizeMaxEntries(3), add: ['10.0.0.1/32', '10.0.0.2/32', '10.0.0.3/32'] }),
    ]);
    expect(plan.groups.map((g) => g.add.map((a) => a.rule.peer))).toEqual([
      [{ kind: 'prefix-list', prefixListId: `pending:${description()}` }],
    ]);
    expect(formatPlan(plan, { color: false })).toContain(`+ create ${description()}, MaxEntries 13, 3 entries for p0`);
  });

  it("falls back to addresses when a receiving group lacks the list's MaxEntries of room", () => {
    const plan = planPairings(parse(yaml()), state(3, { ruleCount: 190 }));
    expect(plan.pairings[0]?.strategy).toEqual({ chosen: 'addresses', reason: 'PrefixListNoRoom' });
    expect(plan.prefixLists).toBeUndefined();
  });

  it('blocks a side that outgrew its list, with the way out, and writes nothing for it', () => {
    const list: OwnedPrefixList = {
      accountId: A,
      prefixListId: 'pl-1',
      name: description(),
      description: description(),
      addressFamily: 'IPv4',
      maxEntries: 2,
      entries: ['10.0.0.1/32', '10.0.0.2/32'],
    };
    const rule: CanonicalRule = {
      groupId: 'sg-p0',
      accountId: A,
      protocol: 'tcp',
      ports: '80/80',
      peer: { kind: 'prefix-list', prefixListId: 'pl-1' },
      policy: 'accept',
      priority: 1,
      nicType: 'intranet',
      description: 'sg-pairing:demo:p0',
      ruleId: 'sgr-1',
    };
    const plan = planPairings(parse(yaml()), state(3, { rules: [rule], ruleCount: 1 }, [list]));
    expect(plan.pairings[0]).toMatchObject({ status: 'Blocked', reason: 'PrefixListFull' });
    expect(plan.pairings[0]?.message).toContain('strategy: addresses');
    expect([plan.groups, plan.prefixLists]).toEqual([[], undefined]);
  });

  it("counts a referenced list's MaxEntries when admitting another pairing's rules into the group", () => {
    const list: OwnedPrefixList = {
      accountId: A,
      prefixListId: 'pl-1',
      name: description(),
      description: description(),
      addressFamily: 'IPv4',
      maxEntries: 199,
      entries: ['10.0.0.1/32', '10.0.0.2/32', '10.0.0.3/32'],
    };
    const rule: CanonicalRule = {
      groupId: 'sg-p0',
      accountId: A,
      protocol: 'tcp',
      ports: '80/80',
      peer: { kind: 'prefix-list', prefixListId: 'pl-1' },
      policy: 'accept',
      priority: 1,
      nicType: 'intranet',
      description: 'sg-pairing:demo:p0',
      ruleId: 'sgr-1',
    };
    const p1 = `  - name: p1
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-p0 }]
    direction: first-to-second
    strategy: addresses
    protocol: tcp
    ports: 81/81
`;
    const plan = planPairings(parse(yaml(p1)), state(3, { rules: [rule], ruleCount: 1 }, [list]));
    expect(plan.pairings.map((p) => [p.name, p.status])).toEqual([
      ['p0', 'InSync'],
      ['p1', 'Blocked'],
    ]);
  });

  it('blocks a classic-network receiving group with the way out', () => {
    const plan = planPairings(parse(yaml()), state(1, { vpcId: '' }));
    expect(plan.pairings[0]).toMatchObject({ status: 'Blocked', reason: 'PrefixListClassicGroup' });
    expect(plan.pairings[0]?.message).toContain('strategy addresses');
  });

  it('deletes an unwanted list only when its description is this deployment marker', () => {
    const owned = (id: string, desc: string): OwnedPrefixList => ({
      accountId: A,
      prefixListId: id,
      name: desc,
      description: desc,
      addressFamily: 'IPv4',
      maxEntries: 13,
    });
    const cfg = parse(yaml().replace('strategy: prefix-list', 'strategy: addresses'));
    const plan = planPairings(
      cfg,
      state(1, {}, [
        owned('pl-ours', 'sg-pairing:demo:list:0123456789abcdef'),
        owned('pl-other', 'sg-pairing:other:list:0123456789abcdef'),
      ]),
    );
    expect(plan.prefixLists?.map((l) => [l.prefixListId, l.delete])).toEqual([['pl-ours', true]]);
  });

  it('refuses a prefix-list pairing across accounts in the config', () => {
    const r = parseConfigText(
      yaml('', `[{ account: a, securityGroup: sg-web }, { account: b, securityGroup: sg-db }]`),
      't.yaml',
    );
    expect(r.ok ? [] : r.diagnostics.map((d) => d.code)).toContain('PrefixListCrossAccount');
  });
});
