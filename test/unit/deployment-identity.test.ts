import { describe, expect, it } from 'vitest';
import { checkDeploymentId, parseConfigText, type NormalizedConfig } from '../../shared/config';
import { computeIamPlan } from '../../shared/iam';
import { formatPlan, groupsHeldByOthers, ownerOf, planPairings, PlanSchema, type ActualState } from '../../shared/plan';
import {
  factKey,
  parseRecordTagValue,
  parseRuleDescription,
  recordTagValue,
  ruleDescription,
} from '../../shared/rules';
import { ACCOUNT_A_ID } from '../support/identities';
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

// Deployment identity, pure: the marker and record value with an id, who owns a rule, which groups
// another deployment of the same name holds, and the migration's in-place rewrites.

const web = pairing({
  name: 'web',
  sides: [instanceSide(accountA, 'i-1'), groupSide(accountB, 'sg-x')],
  direction: 'first-to-second',
});
const teamA = { ...config([web]), deploymentId: 'team-a' };
const inX = (description: string, n: number, cidr = '10.0.0.1/32') =>
  rule({ groupId: 'sg-x', accountId: accountB, peer: { kind: 'cidr', cidr }, description, ruleId: `sgr-${n}` });
const X = factKey(accountB, 'sg-x');
const world = (rules: ReturnType<typeof inX>[], extra: Partial<ActualState> = {}): ActualState => ({
  ...state({
    instances: [instance(accountA, 'i-1', '10.0.0.1', ['sg-a'])],
    groups: [group(accountA, 'sg-a'), withRules(group(accountB, 'sg-x'), rules)],
  }),
  ...extra,
});

describe('the marker and the record value', () => {
  it('carry the id as a last segment, parse one way only, and keep the legacy forms', () => {
    expect(ruleDescription('prod', 'web', 'team-a')).toBe('sg-pairing:prod:web:team-a');
    expect(parseRuleDescription('sg-pairing:prod:web:team-a')).toEqual({
      deployment: 'prod',
      pairing: 'web',
      deploymentId: 'team-a',
    });
    expect(parseRuleDescription('sg-pairing:prod:web')).toEqual({ deployment: 'prod', pairing: 'web' });
    expect(parseRuleDescription('sg-pairing:prod:web:team-a:x')).toBeUndefined();
    expect([recordTagValue('team-a'), recordTagValue()]).toEqual(['owned:team-a', 'owned']);
    expect([parseRecordTagValue('owned:team-a'), parseRecordTagValue('owned'), parseRecordTagValue('x')]).toEqual([
      { deploymentId: 'team-a' },
      {},
      undefined,
    ]);
  });

  it('a bad deploymentId is a config diagnostic naming its path', () => {
    const text = (id: string) =>
      `version: 1\nname: prod\nregion: cn-qingdao\ndeploymentId: "${id}"\naccounts: { a: { id: "${ACCOUNT_A_ID}" } }\npairings: []\n`;
    const bad = parseConfigText(text('Team A'), 'p.yaml');
    expect(bad.ok ? [] : bad.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.path])).toEqual([
      ['InvalidDeploymentId', 'deploymentId'],
    ]);
    const good = parseConfigText(text('team-a'), 'p.yaml');
    expect(good.ok && good.config.deploymentId).toBe('team-a');
    // validate's advice: declare one
    expect(checkDeploymentId(config([web])).map((d) => [d.severity, d.code, d.path])).toEqual([
      ['warning', 'DeploymentIdMissing', 'deploymentId'],
    ]);
    expect(checkDeploymentId(teamA)).toEqual([]);
  });
});

describe('ownership', () => {
  it("a deployment with an id owns its own id's marker and the legacy one, never another id's", () => {
    expect(
      ['sg-pairing:prod:web:team-a', 'sg-pairing:prod:web', 'sg-pairing:prod:web:team-b'].map((d) =>
        ownerOf(inX(d, 0), teamA),
      ),
    ).toEqual(['web', 'web', undefined]);
    expect(ownerOf(inX('sg-pairing:prod:web:team-a', 0), config([web]))).toBeUndefined();
  });

  it('a group is held by another deployment when its record value or a marker names another id', () => {
    const byMarker = world([inX('sg-pairing:prod:old:team-b', 1)]);
    const byValue = world([inX('sg-pairing:prod:old', 1)], { recordValues: { [X]: 'owned:team-b' } });
    const ours = world([inX('sg-pairing:prod:old', 1)], { recordValues: { [X]: 'owned' } });
    expect([byMarker, byValue, ours].map((a) => groupsHeldByOthers(teamA, a, [X]).map((h) => h.theirs))).toEqual([
      ['team-b'],
      ['team-b'],
      [],
    ]);
  });
});

describe('planPairings with an id', () => {
  it('prunes nothing in a held group and warns naming both; rewrites the kept legacy marker in place elsewhere', () => {
    const held = planPairings(
      teamA,
      world([inX('sg-pairing:prod:old', 1, '10.0.0.9/32')], { recordValues: { [X]: 'owned:team-b' } }),
    );
    expect(held.counts.rulesToRevoke).toBe(0);
    expect(held.record?.warnings?.map((w) => [w.code, w.groupId])).toEqual([['DeploymentNameHeld', 'sg-x']]);
    expect(held.record?.warnings?.[0]?.message).toMatch(/team-b.*team-a/);

    const migrating = planPairings(
      teamA,
      world([inX('sg-pairing:prod:web', 1)], { recordedGroups: [X], recordValues: { [X]: 'owned' } }),
    );
    expect(migrating.counts).toMatchObject({ rulesToAdd: 0, rulesToRevoke: 0 });
    expect(migrating.record).toMatchObject({
      value: 'owned:team-a',
      tag: [{ accountId: accountB, groupId: 'sg-x' }],
      remark: [
        {
          groupId: 'sg-x',
          ruleId: 'sgr-1',
          pairing: 'web',
          from: 'sg-pairing:prod:web',
          to: 'sg-pairing:prod:web:team-a',
        },
      ],
    });
    expect(PlanSchema.parse(migrating)).toEqual(migrating);
    const text = formatPlan(migrating, { color: false });
    expect(text).toContain('Plan for deployment "prod" (id team-a)');
    expect(text).toContain('rule sgr-1: sg-pairing:prod:web -> sg-pairing:prod:web:team-a  (kept, marked in place)');
  });

  it('an audit pairing is never rewritten', () => {
    const audit = { ...teamA, pairings: [{ ...web, mode: 'audit' as const }] };
    const plan = planPairings(
      audit,
      world([inX('sg-pairing:prod:web', 1)], { recordedGroups: [X], recordValues: { [X]: 'owned' } }),
    );
    expect(plan.record?.remark).toBeUndefined();
  });
});

describe('the policy', () => {
  it('grants ecs:ModifySecurityGroupRule on the written groups only to a deployment with an id', () => {
    const granted = (c: NormalizedConfig) =>
      computeIamPlan(c)
        .accounts.flatMap((a) => a.permissionPolicy.Statement)
        .filter((st) => st.Action.includes('ecs:ModifySecurityGroupRule'))
        .map((st) => [st.Action.includes('ecs:AuthorizeSecurityGroup'), st.Resource]);
    expect(granted(teamA)).toEqual([[true, [`acs:ecs:cn-qingdao:${accountB}:securitygroup/sg-x`]]]);
    expect(granted(config([web]))).toEqual([]);
  });
});
