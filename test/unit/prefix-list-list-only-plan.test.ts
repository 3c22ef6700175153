import { describe, expect, it } from 'vitest';
import { computeCompliance } from '../../shared/compliance';
import { parseConfigText } from '../../shared/config';
import { buildReport } from '../../shared/reconcile';
import { planPairings, type ActualGroup, type ActualState } from '../../shared/plan';
import { factKey, memberKey, prefixListDescription, type CanonicalRule } from '../../shared/rules';

// p0 sends from sg-web to sg-p0 by prefix list. Planned list-only (an event run that concerns only
// sg-web), it brings the list to the members and nothing else: even an owned rule of p0 the whole
// plan would revoke, in a group another pairing had read, is left alone.

const A = '1111111111111111';
const config = (() => {
  const r = parseConfigText(
    `version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${A}" } }
pairings:
  - name: p0
    between: [{ account: a, securityGroup: sg-web }, { account: a, securityGroup: sg-p0 }]
    direction: first-to-second
    strategy: prefix-list
    protocol: tcp
    ports: 80/80
`,
    'test.yaml',
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.config;
})();

const rule = (peer: CanonicalRule['peer']): CanonicalRule => ({
  groupId: 'sg-p0',
  accountId: A,
  protocol: 'tcp',
  ports: '80/80',
  peer,
  policy: 'accept',
  priority: 1,
  nicType: 'intranet',
  description: 'sg-pairing:demo:p0',
  ruleId: `sgr-${peer.kind}`,
});

const group = (groupId: string, rules: CanonicalRule[] = []): ActualGroup => ({
  accountId: A,
  groupId,
  vpcId: 'vpc-a',
  type: 'normal',
  innerAccessPolicy: 'Accept',
  rules,
  ruleCount: rules.length,
  referencedGroupCount: 0,
  regionId: 'cn-qingdao',
});

const member = (n: number) => ({
  accountId: A,
  instanceId: `i-${n}`,
  status: 'Running',
  privateIp: `10.0.0.${n}`,
  vpcId: 'vpc-a',
  securityGroupIds: ['sg-web'],
  regionId: 'cn-qingdao',
});

const description = prefixListDescription('demo', 'cn-qingdao', config.pairings[0]!.sides[0]);
const list = { accountId: A, prefixListId: 'pl-1', name: 'l', description, addressFamily: 'IPv4', maxEntries: 11 };

/** sg-web with members 1 and 2, the list holding only 1; `groups`: what was read besides. */
const state = (groups: ActualGroup[]): ActualState => ({
  groups: Object.fromEntries(groups.map((g) => [factKey(A, g.groupId), g])),
  instances: {},
  memberInstances: { [memberKey({ accountId: A, securityGroupId: 'sg-web' })]: [member(1), member(2)] },
  vpcs: { [factKey(A, 'vpc-a')]: { vpcId: 'vpc-a', cidrs: ['10.0.0.0/16'] } },
  accountFailures: [],
  prefixLists: { [factKey(A, 'pl-1')]: { ...list, entries: ['10.0.0.1/32'] } },
});

describe('a prefix-list pairing planned list-only', () => {
  it('from the members alone: the list gets the new member, no group is needed, the receiving group is marked not read', () => {
    const plan = planPairings(config, state([]), { pairings: ['p0'], listOnly: ['p0'] });
    expect(plan.pairings).toEqual([
      {
        name: 'p0',
        status: 'Changes',
        rulesToAdd: 0,
        rulesPresent: 0,
        warnings: [],
        strategy: { chosen: 'prefix-list', reason: 'Configured' },
        groupsNotRead: [`${A}/sg-p0`],
      },
    ]);
    expect(plan.prefixLists).toEqual([
      expect.objectContaining({ prefixListId: 'pl-1', add: ['10.0.0.2/32'], remove: [] }),
    ]);
    expect(plan.groups).toEqual([]);
    // its receiving group's compliance is not judged from this run
    const report = buildReport('run-1', 'apply', plan, []);
    const view = computeCompliance({ config, report, at: new Date(0), by: 'event' });
    expect(view.rows.map((r) => [r.groupId, r.state, r.reason])).toEqual([['sg-p0', 'NotEvaluated', 'GroupNotRead']]);
  });

  it('never revokes what the whole plan would: an old address rule of p0 in sg-p0 stays', () => {
    const read = state([group('sg-web'), group('sg-p0', [rule({ kind: 'cidr', cidr: '10.0.0.1/32' })])]);
    const whole = planPairings(config, read, { pairings: ['p0'] });
    expect(whole.groups.flatMap((g) => (g.revoke ?? []).map((r) => r.rule.ruleId))).toEqual(['sgr-cidr']);
    const listOnly = planPairings(config, read, { pairings: ['p0'], listOnly: ['p0'] });
    expect(listOnly.groups).toEqual([]);
    expect(listOnly.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0, groupsToChange: 0 });
  });

  it('a list at its MaxEntries: Blocked, nothing written', () => {
    const full = {
      ...state([]),
      prefixLists: { [factKey(A, 'pl-1')]: { ...list, maxEntries: 1, entries: ['10.0.0.1/32'] } },
    };
    const plan = planPairings(config, full, { pairings: ['p0'], listOnly: ['p0'] });
    expect(plan.pairings[0]).toMatchObject({
      status: 'Blocked',
      reason: 'PrefixListFull',
      groupsNotRead: [`${A}/sg-p0`],
    });
    expect(plan.prefixLists).toBeUndefined();
  });
});
