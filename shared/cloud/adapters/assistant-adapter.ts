import { DescribeInstancesRequest, DescribeInstancesRequestTag } from '@alicloud/ecs20140526/dist/models/DescribeInstancesRequest';
import { DescribeInstancesResponse } from '@alicloud/ecs20140526/dist/models/DescribeInstancesResponse';
import { DescribeInvocationResultsRequest } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsRequest';
import { DescribeInvocationResultsResponse } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponse';
import { RunCommandRequest } from '@alicloud/ecs20140526/dist/models/RunCommandRequest';
import { RunCommandResponse } from '@alicloud/ecs20140526/dist/models/RunCommandResponse';
import * as $dara from '@darabonba/typescript';
import type { AssistantPort, InstanceFilter, InstanceSummary, InvocationResult, TemporaryCredentials } from '../port';
import type { Endpoint } from './endpoints';
import { EcsRpc } from './ecs-rpc';
import { sdkConfig } from './sdk-config';
import { fromSdkError } from './sdk-errors';

const runtime = new $dara.RuntimeOptions({});

/**
 * ECS Cloud Assistant for one account: the `@alicloud/ecs20140526` RunCommand and
 * DescribeInvocationResults models over openapi-core (see ecs-rpc.ts). Scripts go Base64-encoded
 * (ContentEncoding Base64), so quotes and redirections reach the agent untouched; outputs come back
 * Base64 (the API's default) and are decoded here.
 */
export class AssistantAdapter implements AssistantPort {
  private readonly client: EcsRpc;

  constructor(
    private readonly region: string,
    private readonly account: string,
    credentials: TemporaryCredentials,
    endpoint: Endpoint | undefined,
  ) {
    const { accessKeyId, accessKeySecret, securityToken } = credentials;
    this.client = new EcsRpc(sdkConfig(region, endpoint, { accessKeyId, accessKeySecret, securityToken }));
  }

  async runCommand(instanceIds: string[], script: string, timeoutSeconds: number): Promise<{ invokeId: string }> {
    const request = new RunCommandRequest({
      regionId: this.region,
      type: 'RunShellScript',
      commandContent: Buffer.from(script, 'utf8').toString('base64'),
      contentEncoding: 'Base64',
      instanceId: instanceIds,
      timeout: timeoutSeconds,
      name: 'sg-pairing-verify',
    });
    const body = await this.call('RunCommand', () => this.client.rpc('RunCommand', request, new RunCommandResponse({}), runtime));
    return { invokeId: body.invokeId ?? '' };
  }

  async describeInvocationResults(invokeId: string, instanceId?: string): Promise<InvocationResult[]> {
    const request = new DescribeInvocationResultsRequest({ regionId: this.region, invokeId, instanceId, contentEncoding: 'Base64', pageSize: 50 });
    const body = await this.call('DescribeInvocationResults', () => this.client.rpc('DescribeInvocationResults', request, new DescribeInvocationResultsResponse({}), runtime));
    return (body.invocation?.invocationResults?.invocationResult ?? []).map((r) => ({
      instanceId: r.instanceId ?? '',
      status: r.invocationStatus ?? '',
      ...(typeof r.exitCode === 'number' ? { exitCode: r.exitCode } : {}),
      output: Buffer.from(r.output ?? '', 'base64').toString('utf8'),
      errorCode: r.errorCode ?? '',
      errorInfo: r.errorInfo ?? '',
    }));
  }

  async findInstances(filter: InstanceFilter): Promise<InstanceSummary[]> {
    const tag = Object.entries(filter.tags ?? {}).map(([key, value]) => new DescribeInstancesRequestTag({ key, value }));
    const request = new DescribeInstancesRequest({ regionId: this.region, securityGroupId: filter.securityGroupId, ...(tag.length > 0 ? { tag } : {}), maxResults: 100 });
    const body = await this.call('DescribeInstances', () => this.client.rpc('DescribeInstances', request, new DescribeInstancesResponse({}), runtime));
    return (body.instances?.instance ?? []).map((i) => ({
      instanceId: i.instanceId ?? '',
      status: i.status ?? '',
      vpcId: i.vpcAttributes?.vpcId ?? '',
      privateIp: i.vpcAttributes?.privateIpAddress?.ipAddress?.[0] ?? i.innerIpAddress?.ipAddress?.[0] ?? '',
      securityGroupIds: i.securityGroupIds?.securityGroupId ?? [],
      tags: Object.fromEntries((i.tags?.tag ?? []).map((t) => [t.tagKey ?? '', t.tagValue ?? ''])),
    }));
  }

  private async call<T extends { body?: unknown }>(action: string, fn: () => Promise<T>): Promise<NonNullable<T['body']>> {
    try {
      const response = await fn();
      return (response.body ?? {}) as NonNullable<T['body']>;
    } catch (err) {
      throw fromSdkError(err, { operation: `ecs:${action}`, account: this.account });
    }
  }
}
