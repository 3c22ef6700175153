import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { ecsClient, type Creds } from '../support/clients';
import { rulesOf } from '../support/ecs-calls';
import {
  ACCOUNT_A_CREDENTIALS,
  ACCOUNT_A_ID,
  HUB_CREDENTIALS,
  roleArnOf,
  startSeeded,
  visibleGroups,
} from '../support/emulator-platform-fixture';

/**
 * A client no one here wrote: `@alicloud/pop-core` signs RPC v1 (HMAC-SHA1) with the parameters in
 * the query for GET and in an `application/x-www-form-urlencoded` body for POST; the real API takes
 * both (https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism), so the emulator does.
 */
interface GroupsAnswer {
  SecurityGroups: { SecurityGroup: { SecurityGroupId: string }[] };
}
interface AssumeRoleAnswer {
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string };
  AssumedRoleUser: { Arn: string };
}

const ECS_VERSION = '2014-05-26';
const STS_VERSION = '2015-04-01';

describe.each(['GET', 'POST'] as const)('@alicloud/pop-core (RPC v1) sending %s', (method) => {
  let e: RunningEmulator;
  beforeAll(async () => {
    e = await startSeeded();
  });
  afterAll(() => e.close());

  const client = (apiVersion: string, creds: Creds) =>
    new RPCClient({
      endpoint: e.url,
      apiVersion,
      accessKeyId: creds.accessKeyId,
      accessKeySecret: creds.accessKeySecret,
      ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    });
  const call = <T>(apiVersion: string, creds: Creds, action: string, params: object) =>
    client(apiVersion, creds).request<T>(action, params, { method, timeout: 30_000 });
  const groupIds = (a: GroupsAnswer) => a.SecurityGroups.SecurityGroup.map((g) => g.SecurityGroupId).sort();

  it('lists the same security groups as the official SDK (DescribeSecurityGroups)', async () => {
    const answer = await call<GroupsAnswer>(ECS_VERSION, ACCOUNT_A_CREDENTIALS, 'DescribeSecurityGroups', {
      RegionId: 'cn-qingdao',
      MaxResults: 100,
    });

    expect(groupIds(answer)).toEqual(await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS));
    expect(groupIds(answer)).toContain('sg-a1');
  });

  it('adds a rule with Permissions.N, its description encoded as sent (AuthorizeSecurityGroup)', async () => {
    const description = `pop-core ${method}: a+b & ü/é`;

    await call(ECS_VERSION, ACCOUNT_A_CREDENTIALS, 'AuthorizeSecurityGroup', {
      RegionId: 'cn-qingdao',
      SecurityGroupId: 'sg-a1',
      Permissions: [{ IpProtocol: 'tcp', PortRange: '22/22', SourceCidrIp: '10.0.9.9', Description: description }],
    });

    expect(await rulesOf(ecsClient(e.url, ACCOUNT_A_CREDENTIALS), 'sg-a1')).toContainEqual(
      expect.objectContaining({ portRange: '22/22', sourceCidrIp: '10.0.9.9', description }),
    );
  });

  it('assumes a role, and the session signs the next call with its SecurityToken (AssumeRole)', async () => {
    const assumed = await call<AssumeRoleAnswer>(STS_VERSION, HUB_CREDENTIALS, 'AssumeRole', {
      RoleArn: roleArnOf(ACCOUNT_A_ID),
      RoleSessionName: `pop-core-${method.toLowerCase()}`,
    });
    const session: Creds = {
      accessKeyId: assumed.Credentials.AccessKeyId,
      accessKeySecret: assumed.Credentials.AccessKeySecret,
      securityToken: assumed.Credentials.SecurityToken,
    };

    const answer = await call<GroupsAnswer>(ECS_VERSION, session, 'DescribeSecurityGroups', {
      RegionId: 'cn-qingdao',
      MaxResults: 100,
    });

    expect(assumed.AssumedRoleUser.Arn).toMatch(/^acs:ram::1111111111111111:role\/sg-pairing\/pop-core-/);
    expect(groupIds(answer)).toEqual(await visibleGroups(e.url, ACCOUNT_A_CREDENTIALS));
  });

  it('refuses a wrong secret with the signature error, and writes nothing', async () => {
    const wrong: Creds = { ...ACCOUNT_A_CREDENTIALS, accessKeySecret: 'not-the-secret' };

    const refused = await call(ECS_VERSION, wrong, 'AuthorizeSecurityGroup', {
      RegionId: 'cn-qingdao',
      SecurityGroupId: 'sg-a2',
      Permissions: [{ IpProtocol: 'tcp', PortRange: '80/80', SourceCidrIp: '10.0.8.8' }],
    }).catch((err: unknown) => err);

    expect(refused).toMatchObject({ code: 'SignatureDoesNotMatch' });
    expect(await rulesOf(ecsClient(e.url, ACCOUNT_A_CREDENTIALS), 'sg-a2')).toEqual([]);
  });
});
