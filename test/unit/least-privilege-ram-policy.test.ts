import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePolicy, matchesPattern, parseRamPolicy, ramRequestOf, type RamPolicy } from '../../emulator';
import { ACCOUNT_A_ID } from '../support/identities';

// The emulator's RAM evaluator, pure: pattern matching, Deny over Allow, resources per action.

const G = `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:securitygroup`;
const policy = (...Statement: RamPolicy['Statement']): RamPolicy => ({ Version: '1', Statement });
const allow = (Action: string[], Resource: string[]) => ({ Effect: 'Allow' as const, Action, Resource });
const deny = (Action: string[], Resource: string[]) => ({ Effect: 'Deny' as const, Action, Resource });

describe('matchesPattern', () => {
  it.each([
    ['*', 'anything:at/all', true],
    ['ecs:Describe*', 'ecs:DescribeInstances', true],
    ['ecs:Describe*', 'ecs:AuthorizeSecurityGroup', false],
    [`${G}/*`, `${G}/sg-a`, true],
    [`${G}/sg-a`, `${G}/sg-ab`, false],
    ['acs:ecs:*:*:securitygroup/sg-*', `${G}/sg-a`, true],
    ['acs:ecs:*:*:instance/*', `${G}/sg-a`, false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false], // head and tail may not overlap
    [`${G}/sg-a`, '*', false], // a specific grant never covers an action without resource-level authorization
  ])('%s ~ %s: %s', (pattern, value, expected) => {
    expect(matchesPattern(pattern, value)).toBe(expected);
  });

  it('compares actions without case when asked', () => {
    expect(matchesPattern('ECS:describe*', 'ecs:DescribeInstances', true)).toBe(true);
    expect(matchesPattern(`${G}/SG-A`, `${G}/sg-a`)).toBe(false);
  });

  it('agrees with a regular expression built from the pattern (property)', () => {
    const alphabet = fc.constantFrom('a', 'b', ':', '/', '*');
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), maxLength: 8 }),
        (pattern, value) => {
          const re = new RegExp(
            `^${pattern
              .split('*')
              .map((p) => p.replace(/[/]/g, '\\/'))
              .join('.*')}$`,
            's',
          );
          expect(matchesPattern(pattern, value)).toBe(re.test(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('evaluatePolicy', () => {
  const write = { action: 'ecs:AuthorizeSecurityGroup', resources: [`${G}/sg-a`] };

  it('allows what an Allow statement matches by action and resource', () => {
    expect(evaluatePolicy(policy(allow(['ecs:AuthorizeSecurityGroup'], [`${G}/sg-a`])), write)).toEqual({
      effect: 'Allow',
    });
    expect(evaluatePolicy(policy(allow(['ecs:*'], ['*'])), write)).toEqual({ effect: 'Allow' });
  });

  it('denies implicitly when the action or the resource does not match', () => {
    expect(evaluatePolicy(policy(allow(['ecs:Describe*'], ['*'])), write)).toEqual({
      effect: 'ImplicitDeny',
      resource: `${G}/sg-a`,
    });
    expect(evaluatePolicy(policy(allow(['ecs:AuthorizeSecurityGroup'], [`${G}/sg-b`])), write)).toEqual({
      effect: 'ImplicitDeny',
      resource: `${G}/sg-a`,
    });
    expect(evaluatePolicy(policy(), write)).toEqual({ effect: 'ImplicitDeny', resource: `${G}/sg-a` });
  });

  it('lets an explicit Deny win over any Allow, naming the statement', () => {
    const p = policy(allow(['*'], ['*']), deny(['ecs:Authorize*'], [`${G}/*`]));
    expect(evaluatePolicy(p, write)).toEqual({ effect: 'ExplicitDeny', statement: 1, resource: `${G}/sg-a` });
  });

  it('needs every resource of a call allowed (JoinSecurityGroup names an instance and a group)', () => {
    const join = {
      action: 'ecs:JoinSecurityGroup',
      resources: ['acs:ecs:cn-qingdao:1:instance/i-1', 'acs:ecs:cn-qingdao:1:securitygroup/sg-1'],
    };
    expect(evaluatePolicy(policy(allow(['ecs:JoinSecurityGroup'], ['acs:ecs:cn-qingdao:1:instance/*'])), join)).toEqual(
      { effect: 'ImplicitDeny', resource: join.resources[1] },
    );
    expect(evaluatePolicy(policy(allow(['ecs:JoinSecurityGroup'], ['acs:ecs:cn-qingdao:1:*'])), join)).toEqual({
      effect: 'Allow',
    });
  });

  it('never allows what a matching Deny covers, whatever else the policy says (property)', () => {
    const actionArb = fc.constantFrom('ecs:AuthorizeSecurityGroup', 'ecs:DescribeInstances', 'sts:AssumeRole');
    const patternArb = fc.constantFrom('*', 'ecs:*', 'ecs:Describe*', 'sts:AssumeRole', 'ecs:AuthorizeSecurityGroup');
    const resourceArb = fc.constantFrom('*', `${G}/*`, `${G}/sg-a`, `${G}/sg-b`);
    const statementArb = fc.record({
      Effect: fc.constantFrom('Allow' as const, 'Deny' as const),
      Action: fc.array(patternArb, { minLength: 1, maxLength: 2 }),
      Resource: fc.array(resourceArb, { minLength: 1, maxLength: 2 }),
    });
    fc.assert(
      fc.property(
        fc.array(statementArb, { maxLength: 5 }),
        actionArb,
        fc.constantFrom('*', `${G}/sg-a`),
        (statements, action, resource) => {
          const decision = evaluatePolicy(policy(...statements), { action, resources: [resource] });
          const hits = (effect: string) =>
            statements.some(
              (s) =>
                s.Effect === effect &&
                s.Action.some((a) => matchesPattern(a, action, true)) &&
                s.Resource.some((r) => matchesPattern(r, resource)),
            );
          expect(decision.effect).toBe(hits('Deny') ? 'ExplicitDeny' : hits('Allow') ? 'Allow' : 'ImplicitDeny');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('ramRequestOf: the action and resources of a call', () => {
  const call = (service: string, action: string, params: Record<string, string> = {}, functionName?: string) =>
    ramRequestOf({ service, action, params, functionName, region: 'cn-qingdao', account: ACCOUNT_A_ID });

  it.each([
    ['AuthorizeSecurityGroup', { SecurityGroupId: 'sg-a' }, [`${G}/sg-a`]],
    ['RevokeSecurityGroup', { SecurityGroupId: 'sg-a' }, [`${G}/sg-a`]],
    ['DescribeSecurityGroupAttribute', { SecurityGroupId: 'sg-a' }, [`${G}/sg-a`]],
    ['AuthorizeSecurityGroup', {}, [`${G}/*`]],
    ['DescribeInstances', { InstanceIds: '["i-1"]' }, ['*']],
    ['DescribeSecurityGroups', {}, ['*']],
    ['RunInstances', { SecurityGroupId: 'sg-a' }, ['*']],
    ['StopInstance', { InstanceId: 'i-1' }, [`acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-1`]],
    [
      'JoinSecurityGroup',
      { InstanceId: 'i-1', SecurityGroupId: 'sg-a' },
      [`acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-1`, `${G}/sg-a`],
    ],
    [
      'RunCommand',
      { 'InstanceId.2': 'i-2', 'InstanceId.1': 'i-1', Type: 'RunShellScript' },
      [
        `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-1`,
        `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-2`,
        `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:command/*`,
      ],
    ],
    [
      'InvokeCommand',
      { CommandId: 'c-1', 'InstanceId.1': 'i-1' },
      [`acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:command/c-1`, `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-1`],
    ],
    ['CreateCommand', { Name: 'x' }, [`acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:command/*`]],
    ['DescribeCommands', { Name: 'x' }, ['*']],
    ['DescribeInvocationResults', { InvokeId: 't-1' }, [`acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/*`]],
    ['TagResources', { ResourceType: 'securitygroup', 'ResourceId.1': 'sg-a' }, [`${G}/sg-a`]],
  ])('ecs:%s %j -> %j', (action, params, resources) => {
    expect(call('ecs', action, params)).toEqual({ action: `ecs:${action}`, resources });
  });

  it('names the role for sts:AssumeRole and the function for fc:InvokeFunction', () => {
    expect(call('sts', 'AssumeRole', { RoleArn: 'acs:ram::2:role/x' })).toEqual({
      action: 'sts:AssumeRole',
      resources: ['acs:ram::2:role/x'],
    });
    expect(call('fc', 'InvokeFunction', {}, 'sg-pairing%2Dworker')).toEqual({
      action: 'fc:InvokeFunction',
      resources: [`acs:fc:cn-qingdao:${ACCOUNT_A_ID}:functions/sg-pairing-worker`],
    });
    expect(call('fc', 'InvokeFunction', {}, '%E0%A4%A')).toEqual({
      action: 'fc:InvokeFunction',
      resources: [`acs:fc:cn-qingdao:${ACCOUNT_A_ID}:functions/%E0%A4%A`],
    });
  });
});

describe('parseRamPolicy', () => {
  it('accepts strings or lists and reads JSON text', () => {
    expect(parseRamPolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}')).toEqual({
      ok: true,
      value: policy(allow(['ecs:*'], ['*'])),
    });
  });

  it('names every problem, and refuses what the emulator would not evaluate (Condition, NotAction)', () => {
    const r = parseRamPolicy({
      Version: '2',
      Statement: [
        { Effect: 'allow', Action: [], Resource: '*', Condition: {} },
        { Effect: 'Deny', NotAction: 'x', Resource: '*' },
      ],
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([
      'Version',
      'Statement[0].Effect',
      'Statement[0].Action',
      'Statement[0].Condition',
      'Statement[1].Action',
      'Statement[1].NotAction',
    ]);
    expect(parseRamPolicy('{not json')).toEqual({ ok: false, issues: [{ path: '(root)', message: 'not JSON' }] });
  });
});
