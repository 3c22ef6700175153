import type { Handler } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { withClientToken } from '../../models/idempotency';
import { describeInvocationResults, runCommand, type InvocationRow } from '../../models/invocations';
import { paginate } from '../../models/paging';
import { INSTANCE, int, list, opt, pageRequest, req, scopeOf, touch } from './params';

/** Scheduling and tag-selected targets: parameters the emulator refuses rather than ignores. */
const UNSUPPORTED = ['Frequency', 'ResourceTag.1.Key', 'ContainerId', 'ContainerName', 'Parameters'];

/** RunCommand: Type, CommandContent (+ ContentEncoding), InstanceId.N, Timeout, Name → `{CommandId, InvokeId}`. */
export const runCommandHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const given = UNSUPPORTED.find((p) => opt(ctx, p) !== undefined);
  if (given) throw apiError('InvalidParameter', `The parameter "${given}" is not supported by the emulator.`);
  if ((opt(ctx, 'RepeatMode') ?? 'Once') !== 'Once' || opt(ctx, 'Timed')?.toLowerCase() === 'true') {
    throw apiError('InvalidParameter', 'Only one-off commands (RepeatMode Once) are supported by the emulator.');
  }
  return withClientToken(scope, ctx.action, ctx.params, () => {
    const invocation = runCommand(scope, {
      type: req(ctx, 'Type'),
      content: req(ctx, 'CommandContent'),
      encoding: opt(ctx, 'ContentEncoding'),
      instanceIds: list(ctx, 'InstanceId').filter((id) => id !== ''),
      timeoutSeconds: int(ctx, 'Timeout'),
      name: opt(ctx, 'Name'),
    });
    touch(ctx, INSTANCE, ...invocation.results.map((r) => r.instanceId));
    return { CommandId: invocation.commandId, InvokeId: invocation.invokeId };
  });
};

/**
 * DescribeInvocationResults: InvokeId, InstanceId, CommandId filters; Output Base64 unless ContentEncoding
 * PlainText. Paged by MaxResults (1..50, default 10) and NextToken; the deprecated PageNumber/PageSize
 * still work (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-describeinvocationresults).
 */
export const describeInvocationResultsHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const plain = opt(ctx, 'ContentEncoding')?.toLowerCase() === 'plaintext';
  const status = opt(ctx, 'InvokeRecordStatus');
  const rows = describeInvocationResults(scope, {
    invokeId: opt(ctx, 'InvokeId'),
    instanceId: opt(ctx, 'InstanceId'),
    commandId: opt(ctx, 'CommandId'),
  })
    .map((row) => formatResult(row, plain))
    .filter((r) => status === undefined || r.InvokeRecordStatus === status);
  const page = paginate(rows, pageRequest(ctx), { defaultSize: 10, minSize: 1, maxSize: 50 });
  const paging =
    page.nextToken === undefined
      ? { PageNumber: page.pageNumber, PageSize: page.pageSize }
      : { NextToken: page.nextToken };
  return {
    Invocation: { TotalCount: page.totalCount, ...paging, InvocationResults: { InvocationResult: page.items } },
  };
};

/** One InvocationResult as the SDK model names it; while Running there is no exit code or output yet. */
function formatResult({ invocation, result, finished }: InvocationRow, plain: boolean): Record<string, unknown> {
  const common = {
    CommandId: invocation.commandId,
    InvokeId: invocation.invokeId,
    InstanceId: result.instanceId,
    Username: 'root',
    Repeats: 1,
    Dropped: 0,
    StartTime: result.startTime,
    ContainerId: '',
    ContainerName: '',
    Tags: { Tag: [] },
  };
  if (!finished)
    return {
      ...common,
      InvocationStatus: 'Running',
      InvokeRecordStatus: 'Running',
      Output: '',
      ErrorCode: '',
      ErrorInfo: '',
      FinishedTime: '',
      StopTime: '',
    };
  const output = plain ? result.output : Buffer.from(result.output, 'utf8').toString('base64');
  if (result.timedOut) {
    return {
      ...common,
      InvocationStatus: 'Timeout',
      InvokeRecordStatus: 'Failed',
      ExitCode: result.exitCode,
      Output: output,
      ErrorCode: 'ExecutionTimeout',
      ErrorInfo: 'The command execution timed out.',
      FinishedTime: result.finishedTime,
      StopTime: '',
    };
  }
  const ok = result.exitCode === 0;
  return {
    ...common,
    InvocationStatus: ok ? 'Success' : 'Failed',
    InvokeRecordStatus: 'Finished',
    ExitCode: result.exitCode,
    Output: output,
    ErrorCode: ok ? '' : 'ExitCodeNonzero',
    ErrorInfo: ok ? '' : 'The command exited with a non-zero exit code.',
    FinishedTime: result.finishedTime,
    StopTime: '',
  };
}
