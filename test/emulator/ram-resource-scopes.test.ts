import { describe, expect, it } from 'vitest';
import { evaluatePolicy, ramRequestOf, type RamPolicy } from '../../emulator';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';

// The resources RAM checks for the two calls whose scope the ECS docs set apart: UntagResources has
// no resource-level authorization ("*" only); AuthorizeSecurityGroup with SourceGroupId is also
// checked on the source group, in its owner's account.

const A = `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:securitygroup`;
const B = `acs:ecs:cn-qingdao:${ACCOUNT_B_ID}:securitygroup`;
const call = (action: string, params: Record<string, string>) =>
  ramRequestOf({
    service: 'ecs',
    action,
    params,
    region: 'cn-qingdao',
    account: ACCOUNT_A_ID,
    accountOf: (n) => (n === 'bob@example.com' ? ACCOUNT_B_ID : undefined),
  });
const allowing = (Action: string, Resource: string[]): RamPolicy => ({
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: [Action], Resource }],
});

describe('UntagResources: authorized against "*" only', () => {
  const untag = call('UntagResources', {
    ResourceType: 'securitygroup',
    'ResourceId.1': 'sg-a',
    'ResourceId.2': 'sg-b',
    'TagKey.1': 'k',
  });

  it('asks for "*", whatever the resources', () => {
    expect(untag).toEqual({ action: 'ecs:UntagResources', resources: ['*'] });
  });

  it.each([
    [[`${A}/sg-a`, `${A}/sg-b`], 'ImplicitDeny'],
    [[`${A}/*`], 'ImplicitDeny'],
    [['acs:ecs:*:*:*'], 'ImplicitDeny'],
    [['*'], 'Allow'],
  ])('a grant on %j: %s', (resources, effect) => {
    expect(evaluatePolicy(allowing('ecs:UntagResources', resources), untag).effect).toBe(effect);
  });

  it('TagResources keeps its resource-level authorization', () => {
    expect(call('TagResources', { ResourceType: 'securitygroup', 'ResourceId.1': 'sg-a' }).resources).toEqual([
      `${A}/sg-a`,
    ]);
  });
});

describe('AuthorizeSecurityGroup: the group and each referenced source group', () => {
  it.each([
    [
      'a source group of the caller (no owner given)',
      { 'Permissions.1.SourceGroupId': 'sg-a2' },
      [`${A}/sg-a`, `${A}/sg-a2`],
    ],
    [
      'the owner by SourceGroupOwnerId',
      { 'Permissions.1.SourceGroupId': 'sg-b', 'Permissions.1.SourceGroupOwnerId': ACCOUNT_B_ID },
      [`${A}/sg-a`, `${B}/sg-b`],
    ],
    [
      'the owner by SourceGroupOwnerAccount (name)',
      { 'Permissions.1.SourceGroupId': 'sg-b', 'Permissions.1.SourceGroupOwnerAccount': 'bob@example.com' },
      [`${A}/sg-a`, `${B}/sg-b`],
    ],
    [
      'several permissions, a CIDR source naming no group',
      {
        'Permissions.1.SourceCidrIp': '10.0.0.1/32',
        'Permissions.2.SourceGroupId': 'sg-b',
        'Permissions.2.SourceGroupOwnerId': ACCOUNT_B_ID,
        'Permissions.3.SourceGroupId': 'sg-a',
      },
      [`${A}/sg-a`, `${B}/sg-b`],
    ],
    [
      'the deprecated top-level form',
      { SourceGroupId: 'sg-b', SourceGroupOwnerId: ACCOUNT_B_ID },
      [`${A}/sg-a`, `${B}/sg-b`],
    ],
    ['a CIDR rule', { 'Permissions.1.SourceCidrIp': '10.0.0.0/8' }, [`${A}/sg-a`]],
  ])('%s', (_title, params, resources) => {
    expect(call('AuthorizeSecurityGroup', { SecurityGroupId: 'sg-a', ...params })).toEqual({
      action: 'ecs:AuthorizeSecurityGroup',
      resources,
    });
  });

  it('a grant on the group alone does not allow a reference; with the source group it does', () => {
    const request = call('AuthorizeSecurityGroup', {
      SecurityGroupId: 'sg-a',
      'Permissions.1.SourceGroupId': 'sg-b',
      'Permissions.1.SourceGroupOwnerId': ACCOUNT_B_ID,
    });
    expect(evaluatePolicy(allowing('ecs:AuthorizeSecurityGroup', [`${A}/sg-a`]), request)).toEqual({
      effect: 'ImplicitDeny',
      resource: `${B}/sg-b`,
    });
    expect(evaluatePolicy(allowing('ecs:AuthorizeSecurityGroup', [`${A}/sg-a`, `${B}/sg-b`]), request)).toEqual({
      effect: 'Allow',
    });
  });

  it('RevokeSecurityGroup is checked on the group only', () => {
    expect(
      call('RevokeSecurityGroup', { SecurityGroupId: 'sg-a', 'Permissions.1.SourceGroupId': 'sg-b' }).resources,
    ).toEqual([`${A}/sg-a`]);
  });
});
