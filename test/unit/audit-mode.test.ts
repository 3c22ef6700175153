import { describe, expect, it } from 'vitest';
import { resolvePairingMode, type Diagnostic, type ModeInputs } from '../../shared/config';
import { planHasChanges, planPairings } from '../../shared/plan';
import type { CanonicalRule } from '../../shared/rules';
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
import { baseDocument, firstPairing, parseDocumentObject } from './config-fixtures';

// Audit mode: the mode each pairing resolves to, the config's diagnostic, and the pure plan's split.

describe('resolvePairingMode: the most specific wins', () => {
  const cases: Array<[string, ModeInputs, 'enforce' | 'audit']> = [
    ['default', { sides: [undefined, undefined], direction: 'both', top: 'enforce' }, 'enforce'],
    ['top level audit', { sides: [undefined, undefined], direction: 'both', top: 'audit' }, 'audit'],
    [
      'pairing over account',
      { pairing: 'enforce', sides: ['audit', 'audit'], direction: 'both', top: 'audit' },
      'enforce',
    ],
    ['pairing audit', { pairing: 'audit', sides: ['enforce', 'enforce'], direction: 'both', top: 'enforce' }, 'audit'],
    ['either receiving account audit', { sides: ['enforce', 'audit'], direction: 'both', top: 'enforce' }, 'audit'],
    ['first side audit, both receive', { sides: ['audit', undefined], direction: 'both', top: 'enforce' }, 'audit'],
    ['first side only sends', { sides: ['audit', undefined], direction: 'first-to-second', top: 'enforce' }, 'enforce'],
    ['receiving account over top', { sides: [undefined, 'enforce'], direction: 'both', top: 'audit' }, 'enforce'],
  ];
  it.each(cases)('%s', (_name, inputs, expected) => {
    expect(resolvePairingMode(inputs)).toBe(expected);
  });
});

describe('config: mode', () => {
  const error = (path: string): Diagnostic => ({
    severity: 'error',
    code: 'InvalidValue',
    path,
    message: expect.stringContaining('"enforce", "audit"') as unknown as string,
  });

  it('reports an unknown mode at each of its three places', () => {
    const document = baseDocument();
    document['mode'] = 'watch';
    (document['accounts'] as Record<string, Record<string, unknown>>)['b']!['mode'] = 'dry-run';
    firstPairing(document)['mode'] = 'Audit';

    const result = parseDocumentObject(document);

    expect(result).toEqual({
      ok: false,
      diagnostics: [error('accounts.b.mode'), error('pairings[0].mode'), error('mode')],
    });
  });

  it('resolves each pairing: its own mode, else a receiving account, else the top level', () => {
    const document = baseDocument();
    document['mode'] = 'audit';
    (document['accounts'] as Record<string, Record<string, unknown>>)['b']!['mode'] = 'enforce';
    const more = (name: string, receiver: string, extra: Record<string, unknown>) => ({
      name,
      between: [
        { account: receiver === 'a' ? 'b' : 'a', securityGroup: 'sg-send01' },
        { account: receiver, securityGroup: `sg-recv${receiver}` },
      ],
      direction: 'first-to-second',
      ...extra,
    });
    document.pairings.push(more('into-a', 'a', {}), more('own', 'a', { mode: 'enforce' }));

    const result = parseDocumentObject(document);

    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.config.mode).toBe('audit');
    expect(result.config.pairings.map((p) => [p.name, p.mode ?? 'enforce'])).toEqual([
      ['app-db', 'enforce'],
      ['into-a', 'audit'],
      ['own', 'enforce'],
    ]);
  });
});

const web = (mode?: 'audit') =>
  pairing({
    name: 'web',
    sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg-db')],
    direction: 'first-to-second',
    ...(mode === undefined ? {} : { mode }),
  });
const api = pairing({
  name: 'api',
  sides: [instanceSide(accountA, 'i-2'), groupSide(accountB, 'sg-api')],
  direction: 'first-to-second',
});
const owned = (groupId: string, cidr: string, pairingName: string, n: number): CanonicalRule =>
  rule({
    groupId,
    accountId: accountB,
    peer: { kind: 'cidr', cidr },
    description: `sg-pairing:prod:${pairingName}`,
    ruleId: `sgr-${n}`,
  });
/** web wants 10.0.0.1/32 and has a stale 10.0.0.9/32; api wants 10.0.0.2/32 and has nothing. */
const drifted = (extra: CanonicalRule[] = []) =>
  state({
    instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a']), instance(accountA, 'i-2', '10.0.0.2', ['sg-a'])],
    groups: [
      group(accountA, 'sg-a'),
      withRules(group(accountB, 'sg-db'), [owned('sg-db', '10.0.0.9/32', 'web', 1), ...extra]),
      group(accountB, 'sg-api'),
    ],
  });

describe('planPairings: audit pairings are planned like enforce ones and never written', () => {
  it('lists an audit pairing’s changes in `audit`, exactly what the enforce plan writes, and none in `groups`', () => {
    const audited = planPairings(config([web('audit')]), drifted());
    const enforced = planPairings(config([web()]), drifted());

    expect(audited.groups).toEqual([]);
    expect(planHasChanges(audited)).toBe(false);
    expect(audited.audit).toEqual(enforced.groups);
    expect(enforced.groups[0]?.add.map((a) => a.rule.peer)).toEqual([{ kind: 'cidr', cidr: '10.0.0.1/32' }]);
    expect(enforced.groups[0]?.revoke?.map((r) => r.rule.ruleId)).toEqual(['sgr-1']);
    expect(audited.pairings).toEqual([{ ...enforced.pairings[0], status: 'Drift', mode: 'audit' }]);
    expect(audited.counts).toMatchObject({ drift: 1, changes: 0, rulesToAdd: 0, rulesToRevoke: 0, groupsToChange: 0 });
  });

  it('reports an audit pairing with nothing to change as InSync', () => {
    const plan = planPairings(
      config([web('audit')]),
      state({
        instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a'])],
        groups: [
          group(accountA, 'sg-a'),
          withRules(group(accountB, 'sg-db'), [owned('sg-db', '10.0.0.1/32', 'web', 1)]),
        ],
      }),
    );

    expect(plan.pairings).toMatchObject([{ name: 'web', status: 'InSync', mode: 'audit' }]);
    expect(plan.audit).toBeUndefined();
  });

  it('writes only the enforce pairings of a mixed config', () => {
    const plan = planPairings(config([web('audit'), api]), drifted());

    expect(plan.groups.map((g) => [g.groupId, g.add.map((a) => a.pairing), g.revoke])).toEqual([
      ['sg-api', ['api'], undefined],
    ]);
    expect(plan.audit?.map((g) => g.groupId)).toEqual(['sg-db']);
    expect(plan.pairings.map((p) => [p.name, p.status])).toEqual([
      ['api', 'Changes'],
      ['web', 'Drift'],
    ]);
  });

  it('keeps a removed pairing’s owned rules in an audit account, and revokes them under the top level enforce', () => {
    const removed = owned('sg-db', '10.0.0.7/32', 'old', 2);
    const base = config([web('audit')]);
    const auditB = { ...base, accounts: { ...base.accounts, b: { ...base.accounts['b']!, mode: 'audit' as const } } };

    const kept = planPairings(auditB, drifted([removed]));
    const revoked = planPairings(base, drifted([removed]));

    expect(kept.groups).toEqual([]);
    expect(kept.audit?.[0]?.revoke?.map((r) => [r.pairing, r.reason])).toEqual([
      ['old', 'PairingRemoved'],
      ['web', 'SourceGone'],
    ]);
    expect(revoked.groups[0]?.revoke?.map((r) => [r.pairing, r.reason])).toEqual([['old', 'PairingRemoved']]);
  });

  it('writes a rule an audit pairing and an enforce pairing both want, credited to the enforce one', () => {
    const twin = pairing({ ...web(), name: 'aaa-web', mode: 'audit' });

    const plan = planPairings(config([twin, web()]), drifted());

    expect(plan.groups[0]?.add.map((a) => a.pairing)).toEqual(['web']);
    expect(plan.audit).toBeUndefined();
  });

  it('tags no group only an audit pairing receives in, and untags none', () => {
    const empty = state({
      instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a']), instance(accountA, 'i-2', '10.0.0.2', ['sg-a'])],
      groups: [group(accountA, 'sg-a'), group(accountB, 'sg-db'), group(accountB, 'sg-api')],
    });
    // sg-db carries the record but holds no owned rule yet: an enforce run would untag it
    const listed = { ...empty, recordedGroups: [`${accountB}/sg-db`] };

    const plan = planPairings(config([web('audit'), api]), listed);

    expect(plan.record?.tag.map((g) => g.groupId)).toEqual(['sg-api']);
    expect(plan.record?.untag).toEqual([]);
  });
});
