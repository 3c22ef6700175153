import type { Handler } from '../../models/context';
import { apiError } from '../../errors/api-errors';
import { createCommand, describeCommands, invokeCommand } from '../../models/commands';
import { withClientToken } from '../../models/idempotency';
import { paginate } from '../../models/paging';
import type { Command } from '../../models/world';
import { bool, INSTANCE, int, list, opt, pageRequest, req, scopeOf, touch } from './params';

/** Scheduling, tag-selected targets and containers: parameters the emulator refuses rather than ignores. */
const UNSUPPORTED = ['Frequency', 'ResourceTag.1.Key', 'ContainerId', 'ContainerName'];

/** CreateCommand: Name, Type, CommandContent (+ ContentEncoding), EnableParameter, Description, Timeout → `{CommandId}`. */
export const createCommandHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  return withClientToken(scope, ctx.action, ctx.params, () => {
    const command = createCommand(scope, {
      name: opt(ctx, 'Name'),
      type: req(ctx, 'Type'),
      content: req(ctx, 'CommandContent'),
      encoding: opt(ctx, 'ContentEncoding'),
      enableParameter: bool(ctx, 'EnableParameter'),
      description: opt(ctx, 'Description'),
      timeoutSeconds: int(ctx, 'Timeout'),
    });
    return { CommandId: command.commandId };
  });
};

/**
 * DescribeCommands: CommandId, Name (`*` fuzzy), Type filters; CommandContent Base64 unless
 * ContentEncoding PlainText; MaxResults (1..50, default 10)/NextToken, or PageNumber/PageSize.
 * Public commands (Provider) are not emulated: an answer with Provider is empty.
 */
export const describeCommandsHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const plain = opt(ctx, 'ContentEncoding')?.toLowerCase() === 'plaintext';
  const rows =
    opt(ctx, 'Provider') === undefined
      ? describeCommands(scope, { commandId: opt(ctx, 'CommandId'), name: opt(ctx, 'Name'), type: opt(ctx, 'Type') })
      : [];
  const page = paginate(rows, pageRequest(ctx), { defaultSize: 10, minSize: 1, maxSize: 50 });
  const paging =
    page.nextToken === undefined
      ? { PageNumber: page.pageNumber, PageSize: page.pageSize }
      : { NextToken: page.nextToken };
  return { TotalCount: page.totalCount, ...paging, Commands: { Command: page.items.map((c) => format(c, plain)) } };
};

function format(c: Command, plain: boolean): Record<string, unknown> {
  return {
    CommandId: c.commandId,
    Name: c.name,
    Description: c.description,
    Type: c.type,
    CommandContent: plain ? c.script : Buffer.from(c.script, 'utf8').toString('base64'),
    EnableParameter: c.enableParameter,
    ParameterNames: { ParameterName: c.parameterNames },
    Timeout: c.timeoutSeconds,
    WorkingDir: '',
    CreationTime: c.creationTime,
    Provider: '',
    Category: '',
    Version: 1,
    Latest: true,
  };
}

/** InvokeCommand: CommandId, InstanceId.N, Parameters (a JSON object), Timeout, ClientToken → `{InvokeId}`. */
export const invokeCommandHandler: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const given = UNSUPPORTED.find((p) => opt(ctx, p) !== undefined);
  if (given) throw apiError('InvalidParameter', `The parameter "${given}" is not supported by the emulator.`);
  if ((opt(ctx, 'RepeatMode') ?? 'Once') !== 'Once')
    throw apiError('InvalidParameter', 'Only one-off invocations (RepeatMode Once) are supported by the emulator.');
  return withClientToken(scope, ctx.action, ctx.params, () => {
    const invocation = invokeCommand(scope, {
      commandId: opt(ctx, 'CommandId'),
      instanceIds: list(ctx, 'InstanceId').filter((id) => id !== ''),
      parameters: opt(ctx, 'Parameters'),
      timeoutSeconds: int(ctx, 'Timeout'),
    });
    touch(ctx, INSTANCE, ...invocation.results.map((r) => r.instanceId));
    return { InvokeId: invocation.invokeId };
  });
};
