import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computeSavedPlan,
  configDigest,
  membersDigest,
  planPairings,
  readSavedPlan,
  rulesDigest,
  type SavedPlan,
} from '../../shared/plan';
import { isSgPairingError } from '../../shared/errors';
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
  tagSide,
  withRules,
} from './builders';

// Saved plans: the basis digests are stable under order and change with any rule or member; a file is
// refused (SavedPlanInvalid) when truncated, edited, of another version or from another config.

const ruleA = rule({
  groupId: 'sg-a1',
  accountId: accountA,
  peer: { kind: 'cidr', cidr: '10.0.0.2/32' },
  ruleId: 'sgr-1',
});
const ruleB = rule({ groupId: 'sg-a1', accountId: accountA, peer: { kind: 'cidr', cidr: '10.0.0.3/32' }, priority: 2 });

describe('basis digests', () => {
  it('canonical JSON does not depend on key order, and leaves undefined out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });

  it('rules: the same set in any order and key order gives the same digest; any change to a rule changes it', () => {
    const reordered = Object.fromEntries(Object.entries(ruleA).reverse()) as typeof ruleA;
    expect(rulesDigest([ruleA, ruleB])).toBe(rulesDigest([ruleB, reordered]));
    expect(rulesDigest([ruleA, ruleB])).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rulesDigest([ruleA, { ...ruleB, ports: '22/22' }])).not.toBe(rulesDigest([ruleA, ruleB]));
    expect(rulesDigest([ruleA, { ...ruleB, description: 'by hand' }])).not.toBe(rulesDigest([ruleA, ruleB]));
    expect(rulesDigest([ruleA])).not.toBe(rulesDigest([ruleA, ruleB]));
  });

  it('members: order free; a member stopped, moved or added changes it; a list not there is "gone"', () => {
    const i1 = instance(accountA, 'i-1', '10.0.0.1', ['sg-a1']);
    const i2 = instance(accountA, 'i-2', '10.0.0.2', ['sg-a1']);
    expect(membersDigest([i1, i2])).toBe(membersDigest([i2, i1]));
    expect(membersDigest([i1, { ...i2, status: 'Stopped' }])).not.toBe(membersDigest([i1, i2]));
    expect(membersDigest([i1])).not.toBe(membersDigest([i1, i2]));
    expect(membersDigest(undefined)).toBe('gone');
  });

  it('the config digest does not depend on key order, and changes with the config', () => {
    const c = config([pairing({ name: 'p', sides: [groupSide(accountA, 'sg-a1'), groupSide(accountB, 'sg-b1')] })]);
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as typeof c;
    expect(configDigest(reordered)).toBe(configDigest(c));
    expect(configDigest({ ...c, maxChangesPerRun: 7 })).not.toBe(configDigest(c));
    // an externalId is not digested: nothing derived from it is written to the file
    const withExternalId = { ...c, accounts: { ...c.accounts, a: { ...c.accounts.a, externalId: 'abc' } } };
    expect(configDigest(withExternalId)).toBe(configDigest(c));
  });
});

/** A plan of one instance pairing and one tag pairing, saved. */
function saved() {
  const cfg = config([
    pairing({ name: 'web', sides: [instanceSide(accountA, 'i-1'), instanceSide(accountA, 'i-2')] }),
    pairing({
      name: 'tagged',
      strategy: 'addresses',
      sides: [tagSide(accountA, { app: 'x' }), groupSide(accountA, 'sg-a2')],
    }),
  ]);
  const i1 = instance(accountA, 'i-1', '10.0.0.1', ['sg-a1']);
  const i2 = instance(accountA, 'i-2', '10.0.0.2', ['sg-a2']);
  const actual = state({
    groups: [withRules(group(accountA, 'sg-a1'), [ruleB]), group(accountA, 'sg-a2')],
    instances: [i1, i2],
    members: [
      [{ accountId: accountA, tags: { app: 'x' } }, [i1]],
      [{ accountId: accountA, securityGroupId: 'sg-a2' }, [i2]],
    ],
  });
  const plan = planPairings(cfg, actual);
  return { cfg, plan, file: computeSavedPlan(cfg, plan, actual) };
}

function refusal(text: string, cfg: Parameters<typeof readSavedPlan>[1]): string {
  try {
    readSavedPlan(text, cfg);
  } catch (err) {
    if (isSgPairingError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  throw new Error('not refused');
}

describe('a saved plan', () => {
  it('holds the plan, the config digest, every group read, the member lists and instances the sides used', () => {
    const { cfg, plan, file } = saved();
    expect(file.plan).toEqual(plan);
    expect(file.basis.config).toBe(configDigest(cfg));
    expect(file.basis.groups.map((g) => g.groupId)).toEqual(['sg-a1', 'sg-a2']);
    expect(file.basis.members.map((m) => [m.securityGroupId, m.tags])).toContainEqual([undefined, { app: 'x' }]);
    expect(file.basis.instances.map((i) => i.instanceId)).toEqual(['i-1', 'i-2']);
    expect(readSavedPlan(JSON.stringify(file, null, 2), cfg)).toEqual(file);
  });

  it('never holds a credential: no key, secret, token or role ARN', () => {
    const text = JSON.stringify(saved().file);
    expect(text).not.toMatch(/secret|accessKey|securityToken|acs:ram::/i);
  });

  it.each([
    ['truncated', (t: string) => t.slice(0, t.length / 2), /SavedPlanInvalid: .*not JSON/],
    ['not a saved plan', () => '{"version":1}', /SavedPlanInvalid: .*not a saved plan/],
    ['of another version', (t: string) => t.replace('"version": 1,', '"version": 2,'), /SavedPlanInvalid: .*version 2/],
    [
      'edited by hand',
      (t: string) => t.replace('"10.0.0.1/32"', '"0.0.0.0/0"'),
      /SavedPlanInvalid: .*changed after it was saved/,
    ],
    [
      'missing a field',
      (t: string) => JSON.stringify({ ...JSON.parse(t), basis: undefined }),
      /SavedPlanInvalid: .*basis/,
    ],
  ])('%s: refused with its reason', (_, damage, reason) => {
    const { cfg, file } = saved();
    const text = JSON.stringify(file, null, 2);
    expect(damage(text)).not.toBe(text);
    expect(refusal(damage(text), cfg)).toMatch(reason);
  });

  it('from another config: refused, naming the config', () => {
    const { cfg, file } = saved();
    const other: typeof cfg = { ...cfg, maxChangesPerRun: 1 };
    expect(refusal(JSON.stringify(file), other)).toMatch(/SavedPlanInvalid: .*another config .*prod/);
  });

  it('the digest covers the basis too', () => {
    const { cfg, file } = saved();
    const edited: SavedPlan = { ...file, basis: { ...file.basis, groups: file.basis.groups.slice(1) } };
    expect(refusal(JSON.stringify(edited), cfg)).toMatch(/changed after it was saved/);
  });
});
