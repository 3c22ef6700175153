import { DescribeInvocationResultsRequest } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsRequest';
import { DescribeInvocationResultsResponse } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponse';
import type { DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponseBody';
import { RunCommandRequest } from '@alicloud/ecs20140526/dist/models/RunCommandRequest';
import { RunCommandResponse } from '@alicloud/ecs20140526/dist/models/RunCommandResponse';
import type { AssistantPort, InvocationResult, TemporaryCredentials } from '../port';
import type { Endpoint } from './endpoints';
import { EcsRpc } from './ecs-rpc';

/** DescribeInvocationResults' largest page. */
const MAX_RESULTS = 50;

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
    this.client = EcsRpc.forAccount(region, credentials, endpoint);
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
    const body = await this.client.call('RunCommand', request, new RunCommandResponse({}), { account: this.account });
    return { invokeId: body.invokeId ?? '' };
  }

  /**
   * Every result of the invocation, page by page: MaxResults (at most 50) and NextToken, which replace
   * the deprecated PageSize
   * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinvocationresults).
   */
  async describeInvocationResults(invokeId: string, instanceId?: string): Promise<InvocationResult[]> {
    const rows: DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult[] = [];
    let nextToken: string | undefined;
    do {
      const request = new DescribeInvocationResultsRequest({
        regionId: this.region,
        invokeId,
        instanceId,
        contentEncoding: 'Base64',
        maxResults: MAX_RESULTS,
        nextToken,
      });
      const body = await this.client.call(
        'DescribeInvocationResults',
        request,
        new DescribeInvocationResultsResponse({}),
        { account: this.account },
      );
      rows.push(...(body.invocation?.invocationResults?.invocationResult ?? []));
      nextToken = body.invocation?.nextToken || undefined;
    } while (nextToken !== undefined);
    return rows.map((r) => ({
      instanceId: r.instanceId ?? '',
      status: r.invocationStatus ?? '',
      ...(typeof r.exitCode === 'number' ? { exitCode: r.exitCode } : {}),
      output: Buffer.from(r.output ?? '', 'base64').toString('utf8'),
      errorCode: r.errorCode ?? '',
      errorInfo: r.errorInfo ?? '',
    }));
  }
}
