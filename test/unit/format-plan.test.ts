import { describe, expect, it } from 'vitest';
import { formatPlan, planPairings } from '../../shared/plan';
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
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';

const cfg = config(
  [
    pairing({ name: 'web-pair', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2')] }),
    pairing({
      name: 'app-db',
      sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')],
      protocol: 'tcp',
      ports: '5432/5432',
      direction: 'first-to-second',
      priority: 10,
    }),
    pairing({ name: 'far', sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg9')], strategy: 'group' }),
  ],
  'demo',
);
const actual = state({
  instances: [instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1']), instance(accountA, 'i-a2', '10.0.0.2', ['sg-a2'])],
  groups: [
    group(accountA, 'sg-a1'),
    withRules(group(accountA, 'sg-a2'), [
      rule({ groupId: 'sg-a2', accountId: accountA, peer: { kind: 'cidr', cidr: '10.0.0.1/32' } }),
    ]),
    group(accountA, 'sg1'),
    group(accountB, 'sg2'),
    group(accountB, 'sg9', { vpcId: 'vpc-other' }),
  ],
});

describe('formatPlan', () => {
  it('lists additions per account and group, then one line per pairing', () => {
    const text = formatPlan(planPairings(cfg, actual), { color: false });

    expect(text).toBe(
      [
        'Plan for deployment "demo" (cn-qingdao): 2 rule(s) to add in 2 group(s)',
        'Pairings: 0 in sync, 2 with changes, 1 blocked, 0 failed',
        '',
        `account ${ACCOUNT_A_ID}  group sg-a1  (cn-qingdao)`,
        '  + all  -1/-1      from 10.0.0.2/32                     priority 1   web-pair',
        '',
        `account ${ACCOUNT_B_ID}  group sg2  (cn-qingdao)`,
        `  + tcp  5432/5432  from sg1 (account ${ACCOUNT_A_ID})  priority 10  app-db`,
        '',
        'Record (tag sg-pairing:demo)',
        `  TagResources   account ${ACCOUNT_A_ID}  group sg-a1  (sg-pairing:demo=owned)`,
        `  TagResources   account ${ACCOUNT_B_ID}  group sg2  (sg-pairing:demo=owned)`,
        '',
        'Pairings',
        '  app-db    Changes  1 rule(s) to add, 0 present  [group: OneVpc]',
        '  far       Blocked  CrossVpcGroupReference: security group sg9 (vpc-other) cannot reference group sg1 (vpc-shared): group references work only within one VPC (use strategy auto, addresses or cidr)',
        '  web-pair  Changes  1 rule(s) to add, 1 present  [addresses: NoGroupSide]',
        '',
      ].join('\n'),
    );
  });

  it('shows revocations as - lines with their reason, what prune off keeps as marked - lines, and a refusal', () => {
    const owned = (cidr: string, name: string) =>
      rule({
        groupId: 'sg-a1',
        accountId: accountA,
        peer: { kind: 'cidr', cidr },
        description: `sg-pairing:demo:${name}`,
        ruleId: `sgr-${name}`,
      });
    const cfgWithPrune = config(
      [pairing({ name: 'web-pair', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2')] })],
      'demo',
      { prune: 'off', maxChangesPerRunTotal: 0 },
    );
    const withOwned = state({
      instances: [instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1']), instance(accountA, 'i-a2', '10.0.0.2', ['sg-a2'])],
      groups: [
        withRules(group(accountA, 'sg-a1'), [owned('10.0.0.9/32', 'web-pair'), owned('10.0.0.8/32', 'old')]),
        group(accountA, 'sg-a2'),
      ],
    });
    const pruning = formatPlan(
      planPairings(
        { ...cfgWithPrune, pairings: cfgWithPrune.pairings.map((p) => ({ ...p, prune: 'owned' as const })) },
        withOwned,
      ),
      { color: false },
    );

    expect(pruning.split('\n').slice(0, 9)).toEqual([
      'Plan for deployment "demo" (cn-qingdao): 2 rule(s) to add, 1 to revoke in 2 group(s) (1 more not revoked: prune off)',
      'Pairings: 0 in sync, 1 with changes, 0 blocked, 0 failed; refused: maxChangesPerRunTotal',
      'Refused (MaxChangesPerRunTotalExceeded): this run would revoke 1 rule(s) (and add 2), over maxChangesPerRunTotal 0: nothing is written. Check the plan, then raise maxChangesPerRunTotal or apply fewer pairings at a time (--pairing)',
      '',
      `account ${ACCOUNT_A_ID}  group sg-a1  (cn-qingdao)`,
      '  - all  -1/-1  from 10.0.0.9/32  priority 1  web-pair  (SourceGone)',
      '  + all  -1/-1  from 10.0.0.2/32  priority 1  web-pair',
      '  - all  -1/-1  from 10.0.0.8/32  priority 1  old       (PairingRemoved, prune off: not revoked)',
      '',
    ]);
  });

  it('says so when there is nothing to add, and colors only when asked', () => {
    const empty = planPairings(config([]), state({}));

    const plain = formatPlan(empty, { color: false });
    const colored = formatPlan(planPairings(cfg, actual), { color: true });

    expect(plain).toBe(
      'Plan for deployment "prod" (cn-qingdao): 0 rule(s) to add in 0 group(s)\nPairings: 0 in sync, 0 with changes, 0 blocked, 0 failed\n\nNo rules to add.\n\nPairings\n  (no pairings)\n',
    );
    expect([plain.includes('\u001b['), colored.includes('\u001b[32m  + ')]).toEqual([false, true]);
  });
});
