import { DescribeInvocationResultsRequest } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsRequest';
import { DescribeInvocationResultsResponse } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponse';
import type { DescribeInvocationResultsResponseBodyInvocationInvocationResultsInvocationResult } from '@alicloud/ecs20140526/dist/models/DescribeInvocationResultsResponseBody';
import { CreateCommandRequest } from '@alicloud/ecs20140526/dist/models/CreateCommandRequest';
import { CreateCommandResponse } from '@alicloud/ecs20140526/dist/models/CreateCommandResponse';
import { DescribeCommandsRequest } from '@alicloud/ecs20140526/dist/models/DescribeCommandsRequest';
import { DescribeCommandsResponse } from '@alicloud/ecs20140526/dist/models/DescribeCommandsResponse';
import { InvokeCommandResponse } from '@alicloud/ecs20140526/dist/models/InvokeCommandResponse';
import { InvokeCommandShrinkRequest } from '@alicloud/ecs20140526/dist/models/InvokeCommandShrinkRequest';
import type { AssistantPort, CommandSpec, FoundCommand, InvocationResult, TemporaryCredentials } from '../port';
import type { Endpoint } from './endpoints';
import { EcsRpc } from './ecs-rpc';

/** DescribeInvocationResults' and DescribeCommands' largest page. */
const MAX_RESULTS = 50;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/**
 * ECS Cloud Assistant for one account: the `@alicloud/ecs20140526` DescribeCommands, CreateCommand,
 * InvokeCommand and DescribeInvocationResults models over openapi-core (see ecs-rpc.ts). The command
 * goes Base64-encoded (ContentEncoding Base64), so quotes and redirections reach the agent untouched;
 * contents and outputs come back Base64 (the API's default) and are decoded here.
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

  /**
   * DescribeCommands filtered by Name (private commands; a `*` in it would match fuzzily, so the answer
   * is narrowed to the exact name), page by page with MaxResults (at most 50) and NextToken
   * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describecommands).
   */
  async findCommands(name: string): Promise<FoundCommand[]> {
    const found: FoundCommand[] = [];
    let nextToken: string | undefined;
    do {
      const request = new DescribeCommandsRequest({ regionId: this.region, name, maxResults: MAX_RESULTS, nextToken });
      const body = await this.client.call('DescribeCommands', request, new DescribeCommandsResponse({}), {
        account: this.account,
      });
      for (const c of body.commands?.command ?? [])
        if (c.name === name)
          found.push({
            commandId: c.commandId ?? '',
            name: c.name,
            script: Buffer.from(c.commandContent ?? '', 'base64').toString('utf8'),
            enableParameter: c.enableParameter === true,
          });
      nextToken = body.nextToken || undefined;
    } while (nextToken !== undefined);
    return found;
  }

  /**
   * CreateCommand: RunShellScript, the script Base64 (ContentEncoding Base64, at most 24 KB encoded),
   * EnableParameter true so `{{name}}` parameters are filled in by InvokeCommand
   * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createcommand).
   */
  async createCommand(spec: CommandSpec): Promise<{ commandId: string }> {
    const request = new CreateCommandRequest({
      regionId: this.region,
      name: spec.name,
      description: spec.description,
      type: 'RunShellScript',
      commandContent: base64(spec.script),
      contentEncoding: 'Base64',
      enableParameter: true,
      timeout: spec.timeoutSeconds,
    });
    const body = await this.client.call('CreateCommand', request, new CreateCommandResponse({}), {
      account: this.account,
    });
    return { commandId: body.commandId ?? '' };
  }

  /**
   * InvokeCommand: CommandId, InstanceId.N, Timeout, and Parameters as one JSON object (the generated
   * client's "shrink" form: `Parameters={"host":"10.0.0.2",...}`)
   * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-invokecommand).
   */
  async invokeCommand(
    commandId: string,
    instanceIds: string[],
    parameters: Readonly<Record<string, string>>,
    timeoutSeconds: number,
  ): Promise<{ invokeId: string }> {
    const request = new InvokeCommandShrinkRequest({
      regionId: this.region,
      commandId,
      instanceId: instanceIds,
      parametersShrink: JSON.stringify(parameters),
      timeout: timeoutSeconds,
    });
    const body = await this.client.call('InvokeCommand', request, new InvokeCommandResponse({}), {
      account: this.account,
    });
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
