import { describe, expect, it } from 'vitest';
import { computeDesiredRules, type PairingRules } from '../../shared/rules';
import { accountA, accountB, config, group, groupSide, instance, instanceSide, pairing, rule, state } from './builders';

describe('computeDesiredRules: the two procedures of the source document', () => {
  it('procedure 1: two instances of one account accept each other by private IP', () => {
    // Prepare
    const cfg = config([
      pairing({ name: 'web-pair', sides: [instanceSide(accountA, 'i-a1'), instanceSide(accountA, 'i-a2')] }),
    ]);
    const facts = state({
      instances: [instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1']), instance(accountA, 'i-a2', '10.0.0.2', ['sg-a2'])],
      groups: [group(accountA, 'sg-a1'), group(accountA, 'sg-a2')],
    });

    // Act
    const desired = computeDesiredRules(cfg, facts);

    // Assess: sg-a1 gets SourceCidrIp 10.0.0.2, sg-a2 gets 10.0.0.1
    const description = 'sg-pairing:prod:web-pair';
    const expected: PairingRules[] = [
      {
        pairing: 'web-pair',
        ok: true,
        rules: [
          rule({ groupId: 'sg-a1', accountId: accountA, peer: { kind: 'cidr', cidr: '10.0.0.2/32' }, description }),
          rule({ groupId: 'sg-a2', accountId: accountA, peer: { kind: 'cidr', cidr: '10.0.0.1/32' }, description }),
        ],
        notes: [],
        receivingGroups: [`${accountA}/sg-a1`, `${accountA}/sg-a2`],
      },
    ];
    expect(desired).toEqual(expected);
  });

  it('procedure 2: groups of two accounts in one shared VPC reference each other with the owner UID', () => {
    const cfg = config([pairing({ name: 'app-db', sides: [groupSide(accountA, 'sg1'), groupSide(accountB, 'sg2')] })]);
    const facts = state({ groups: [group(accountA, 'sg1'), group(accountB, 'sg2')] });

    const desired = computeDesiredRules(cfg, facts);

    const description = 'sg-pairing:prod:app-db';
    expect(desired).toEqual([
      {
        pairing: 'app-db',
        ok: true,
        rules: [
          rule({
            groupId: 'sg1',
            accountId: accountA,
            peer: { kind: 'group', groupId: 'sg2', ownerId: accountB },
            description,
          }),
          rule({
            groupId: 'sg2',
            accountId: accountB,
            peer: { kind: 'group', groupId: 'sg1', ownerId: accountA },
            description,
          }),
        ],
        notes: [],
        receivingGroups: [`${accountA}/sg1`, `${accountB}/sg2`],
      },
    ]);
  });
});

describe('computeDesiredRules: mapping', () => {
  const facts = state({
    instances: [instance(accountA, 'i-a1', '10.0.0.1', ['sg-a1', 'sg-a3'])],
    groups: [group(accountA, 'sg-a1'), group(accountA, 'sg-a3'), group(accountB, 'sg-b1')],
  });

  it('first-to-second: only the second side receives; protocol, ports and priority come from the pairing', () => {
    const cfg = config([
      pairing({
        name: 'one-way',
        sides: [instanceSide(accountA, 'i-a1'), groupSide(accountB, 'sg-b1')],
        direction: 'first-to-second',
        protocol: 'tcp',
        ports: '5432/5432',
        priority: 5,
      }),
    ]);

    expect(computeDesiredRules(cfg, facts)).toEqual([
      {
        pairing: 'one-way',
        ok: true,
        rules: [
          rule({
            groupId: 'sg-b1',
            accountId: accountB,
            protocol: 'tcp',
            ports: '5432/5432',
            priority: 5,
            peer: { kind: 'cidr', cidr: '10.0.0.1/32' },
            description: 'sg-pairing:prod:one-way',
          }),
        ],
        notes: [],
        receivingGroups: [`${accountB}/sg-b1`],
      },
    ]);
  });

  it('an instance side receiving from a group side gets a group reference in its named receiving group', () => {
    const cfg = config([
      pairing({
        name: 'into-instance',
        sides: [groupSide(accountB, 'sg-b1'), instanceSide(accountA, 'i-a1', 'sg-a3')],
        direction: 'first-to-second',
      }),
    ]);

    expect(computeDesiredRules(cfg, facts)).toEqual([
      {
        pairing: 'into-instance',
        ok: true,
        rules: [
          rule({
            groupId: 'sg-a3',
            accountId: accountA,
            peer: { kind: 'group', groupId: 'sg-b1', ownerId: accountB },
            description: 'sg-pairing:prod:into-instance',
          }),
        ],
        notes: [],
        receivingGroups: [`${accountA}/sg-a3`],
      },
    ]);
  });

  it('needs no rule when a group would reference itself and its members may already talk', () => {
    const cfg = config([
      pairing({
        name: 'self',
        sides: [groupSide(accountA, 'sg-a1'), instanceSide(accountA, 'i-a1')],
        direction: 'first-to-second',
      }),
    ]);

    expect(computeDesiredRules(cfg, facts)).toEqual([
      {
        pairing: 'self',
        ok: true,
        rules: [],
        notes: [{ code: 'InnerAccessCovers', message: expect.any(String), accountId: accountA, groupId: 'sg-a1' }],
        receivingGroups: [`${accountA}/sg-a1`],
      },
    ]);
  });

  it('returns pairings by name, whatever the config order', () => {
    const cfg = config([
      pairing({ name: 'zeta', sides: [groupSide(accountA, 'sg-a1'), groupSide(accountB, 'sg-b1')] }),
      pairing({ name: 'alpha', sides: [groupSide(accountA, 'sg-a3'), groupSide(accountB, 'sg-b1')] }),
    ]);

    expect(computeDesiredRules(cfg, facts).map((p) => p.pairing)).toEqual(['alpha', 'zeta']);
  });
});
