import { apiError } from '../errors/api-errors';
import { runScript } from './probe-scripts';
import { isoSeconds, type Scope } from './scope';
import type { Invocation, InvocationResult } from './world';

/**
 * Cloud Assistant (RunCommand, InvokeCommand of a created command (models/commands.ts),
 * DescribeInvocationResults). Every emulated instance is a Linux instance with the agent installed.
 * The emulator does not run scripts: it recognises network probes (models/probe-scripts.ts) and
 * answers them from the emulated network, the way the real commands would answer.
 */
export const COMMAND_TYPES = ['RunShellScript', 'RunBatScript', 'RunPowerShellScript'] as const;
/** RunCommand takes 1..100 InstanceId.N (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-runcommand) */
export const MAX_INSTANCES_PER_COMMAND = 100;
export const DEFAULT_COMMAND_TIMEOUT_S = 60;
const MAX_CONTENT_BYTES = 24 * 1024;

export interface RunCommandInput {
  type: string;
  content: string;
  /** 'Base64' (any case) decodes the content; anything else is PlainText (doc) */
  encoding?: string;
  instanceIds: string[];
  timeoutSeconds?: number;
  name?: string;
}

/** RunCommand: checks every instance first (all or nothing), then runs the script on each. */
export function runCommand(scope: Scope, input: RunCommandInput): Invocation {
  if (!(COMMAND_TYPES as readonly string[]).includes(input.type)) throw apiError('InvalidCmdType.NotFound');
  if (input.content.length > MAX_CONTENT_BYTES)
    throw apiError('InvalidParameter', 'The specified parameter "CommandContent" exceeds 24 KB.');
  const script =
    input.encoding?.toLowerCase() === 'base64' ? Buffer.from(input.content, 'base64').toString('utf8') : input.content;
  return startInvocation(scope, {
    commandId: scope.world.nextId('c-'),
    name: input.name ?? '',
    type: input.type,
    instanceIds: input.instanceIds,
    timeoutSeconds: input.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_S,
    scriptFor: () => script,
  });
}

export interface InvocationStart {
  commandId: string;
  name: string;
  type: string;
  instanceIds: string[];
  timeoutSeconds: number;
  /** the script one instance runs (InvokeCommand fills in its parameters per instance) */
  scriptFor: (instanceId: string, invokeId: string) => string;
}

/**
 * RunCommand and InvokeCommand alike: checks every instance first (all or nothing: InstanceId 1..100,
 * each Running in the caller's account and region), then runs the script on each.
 */
export function startInvocation(scope: Scope, input: InvocationStart): Invocation {
  const ids = [...new Set(input.instanceIds)];
  if (ids.length === 0)
    throw apiError(
      'MissingParameter',
      'The input parameter "InstanceId" that is mandatory for processing this request is not supplied.',
    );
  if (ids.length > MAX_INSTANCES_PER_COMMAND) throw apiError('InstanceIds.ExceedLimit');
  const timeout = input.timeoutSeconds;
  if (!Number.isInteger(timeout) || timeout < 10 || timeout > 86_400)
    throw apiError('InvalidParameter', 'The specified parameter "Timeout" is not valid.');
  const instances = ids.map((id) => {
    const i = scope.world.instances.get(id);
    if (!i || i.owner !== scope.account || i.region !== scope.region) throw apiError('InvalidInstance.NotFound');
    // the agent answers only on a Running instance; Bat and PowerShell need Windows
    if (i.status !== 'Running' || input.type !== 'RunShellScript') throw apiError('InvalidInstance.NotMatch');
    return i;
  });
  const started = isoSeconds(scope.now);
  const invokeId = scope.world.nextId('t-');
  const invocation: Invocation = {
    invokeId,
    commandId: input.commandId,
    owner: scope.account,
    region: scope.region,
    name: input.name,
    runningPolls: scope.world.invocationRunningPolls,
    results: instances.map((instance) => ({
      instanceId: instance.id,
      ...runScript(scope, instance, input.scriptFor(instance.id, invokeId), timeout),
      startTime: started,
    })),
  };
  scope.world.invocations.set(invocation.invokeId, invocation);
  return invocation;
}

export interface InvocationFilter {
  invokeId?: string;
  instanceId?: string;
  commandId?: string;
}

/** One row of DescribeInvocationResults: the invocation, one instance's result, and whether it has run yet. */
export interface InvocationRow {
  invocation: Invocation;
  result: InvocationResult;
  finished: boolean;
}

/**
 * DescribeInvocationResults: the caller's results in the region passing the filters, newest
 * invocation first. An unknown InvokeId finds nothing (a filter, not an error). Each answer that
 * includes an invocation uses up one of its `runningPolls`, so a new invocation is seen Running first.
 */
export function describeInvocationResults(scope: Scope, f: InvocationFilter): InvocationRow[] {
  const invocations = [...scope.world.invocations.values()]
    .filter((v) => v.owner === scope.account && v.region === scope.region)
    .filter((v) => f.invokeId === undefined || v.invokeId === f.invokeId)
    .filter((v) => f.commandId === undefined || v.commandId === f.commandId)
    .reverse();
  const rows = invocations.flatMap((invocation) => {
    const finished = invocation.runningPolls <= 0;
    return invocation.results
      .filter((r) => f.instanceId === undefined || r.instanceId === f.instanceId)
      .map((result) => ({ invocation, result, finished }));
  });
  for (const v of new Set(rows.map((r) => r.invocation))) v.runningPolls = Math.max(0, v.runningPolls - 1);
  return rows;
}
