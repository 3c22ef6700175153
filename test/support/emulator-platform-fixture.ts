import * as $Ecs from '@alicloud/ecs20140526';
import * as $Sts from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import { loadScenarioFile, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import { ecsClient, stsClient, type Creds } from './clients';

/** The seed world (examples/seed-scenario.yaml) and its identities, for the emulator-platform tests. */
export const SEED = loadScenarioFile('examples/seed-scenario.yaml');
export const HUB = '1000000000000001';
export const A = '1111111111111111';
export const B = '2222222222222222';
export const hubCreds: Creds = { accessKeyId: 'LTAIhubExampleKey', accessKeySecret: 'hub-example-secret' };
export const aCreds: Creds = { accessKeyId: 'LTAIexampleA', accessKeySecret: 'example-secret-a' };
export const bCreds: Creds = { accessKeyId: 'LTAIexampleB', accessKeySecret: 'example-secret-b' };
export const roleArn = (account: string, name = 'sg-pairing') => `acs:ram::${account}:role/${name}`;

/** Starts an emulator on a free loopback port, seeded with the seed scenario unless told otherwise. */
export function startSeeded(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ scenario: SEED, ...opts });
}

/** AssumeRole through the real STS client; returns credentials ready for another client. */
export async function assume(url: string, caller: Creds, request: Partial<$Sts.AssumeRoleRequest> & { roleArn: string }): Promise<Creds & { expiration: string; arn: string }> {
  const r = await stsClient(url, caller).assumeRole(new $Sts.AssumeRoleRequest({ roleSessionName: 'test-session', ...request }));
  const c = r.body!.credentials!;
  return { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken!, expiration: c.expiration!, arn: r.body!.assumedRoleUser!.arn! };
}

/** The ids of the security groups an identity sees, through the real ECS client. */
export async function visibleGroups(url: string, creds: Creds): Promise<string[]> {
  const r = await ecsClient(url, creds).describeSecurityGroups(new $Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-qingdao', maxResults: 100 }));
  return (r.body!.securityGroups!.securityGroup ?? []).map((g) => g.securityGroupId!).sort();
}

/** A cheap signed read through the real ECS client (the call fault tests count). */
export function describeGroup(url: string, creds: Creds, groupId = 'sg-a1', readTimeout?: number) {
  return ecsClient(url, creds).describeSecurityGroupAttributeWithOptions(
    new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: 'cn-qingdao', securityGroupId: groupId }),
    new $dara.RuntimeOptions(readTimeout ? { readTimeout } : {}),
  );
}
