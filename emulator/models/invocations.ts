import { apiError } from '../errors/api-errors';
import { parseIpv4 } from './ipv4';
import { evaluateReachability, type Probe, type Reachability } from './reachability';
import { isoSeconds, type Scope } from './scope';
import type { Instance, Invocation, InvocationResult } from './world';

/**
 * Cloud Assistant (RunCommand / DescribeInvocationResults). Every emulated instance is a Linux
 * instance with the agent installed. The emulator does not run scripts: it recognises the two
 * network probes below and answers them from the emulated network (models/reachability.ts), the
 * way the real commands would answer; any other script exits 127.
 * - `ping -c N [-W S] IP`: N replies and exit 0, or `100% packet loss` and exit 1;
 * - `[timeout S] bash -c '</dev/tcp/IP/PORT'`: exit 0 when the connection opens (every port has a
 *   listener), else 124 when `timeout` ends it, or the invocation times out without one.
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
  const ids = [...new Set(input.instanceIds)];
  if (ids.length === 0)
    throw apiError(
      'MissingParameter',
      'The input parameter "InstanceId" that is mandatory for processing this request is not supplied.',
    );
  if (ids.length > MAX_INSTANCES_PER_COMMAND) throw apiError('InstanceIds.ExceedLimit');
  const timeout = input.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_S;
  if (!Number.isInteger(timeout) || timeout < 10 || timeout > 86_400)
    throw apiError('InvalidParameter', 'The specified parameter "Timeout" is not valid.');
  const instances = ids.map((id) => {
    const i = scope.world.instances.get(id);
    if (!i || i.owner !== scope.account || i.region !== scope.region) throw apiError('InvalidInstance.NotFound');
    // the agent answers only on a Running instance; Bat and PowerShell need Windows
    if (i.status !== 'Running' || input.type !== 'RunShellScript') throw apiError('InvalidInstance.NotMatch');
    return i;
  });
  const script =
    input.encoding?.toLowerCase() === 'base64' ? Buffer.from(input.content, 'base64').toString('utf8') : input.content;
  const started = isoSeconds(scope.now);
  const invocation: Invocation = {
    invokeId: scope.world.nextId('t-'),
    commandId: scope.world.nextId('c-'),
    owner: scope.account,
    region: scope.region,
    name: input.name ?? '',
    runningPolls: scope.world.invocationRunningPolls,
    results: instances.map((instance) => ({
      instanceId: instance.id,
      ...runScript(scope, instance, script, timeout),
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

type Outcome = Pick<InvocationResult, 'exitCode' | 'output' | 'finishedTime'> & { timedOut?: boolean };

function runScript(scope: Scope, from: Instance, script: string, timeoutSeconds: number): Outcome {
  const lines = script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const probe = lines.length === 1 ? parseProbe(lines[0]) : undefined;
  const at = (seconds: number) => isoSeconds(scope.now + seconds * 1000);
  if (!probe) {
    return {
      exitCode: 127,
      output: "sg-pairing emulator: only `ping -c N IP` and `timeout S bash -c '</dev/tcp/IP/PORT'` are simulated\n",
      finishedTime: at(0),
    };
  }
  if (parseIpv4(probe.ip) === undefined)
    return { exitCode: 2, output: `ping: ${probe.ip}: Name or service not known\n`, finishedTime: at(0) };
  const verdict: Reachability = evaluateReachability(scope.world, from, probe.ip, probe.packet);
  if (probe.kind === 'ping') return pingOutcome(probe.ip, probe.count, verdict.reachable, at);
  if (verdict.reachable) return { exitCode: 0, output: '', finishedTime: at(0) };
  if (probe.timeoutSeconds === undefined)
    return { exitCode: -1, output: '', finishedTime: at(timeoutSeconds), timedOut: true };
  return { exitCode: 124, output: '', finishedTime: at(probe.timeoutSeconds) };
}

type ParsedProbe =
  | { kind: 'ping'; ip: string; count: number; packet: Probe }
  | { kind: 'tcp'; ip: string; timeoutSeconds?: number; packet: Probe };

const PING = /^ping\s+(?:-[qn]\s+)*-c\s*(\d{1,3})(?:\s+-[qn])*(?:\s+-[Wwi]\s*\d+(?:\.\d+)?)*(?:\s+-[qn])*\s+(\S+)$/;
const TCP = /^(?:timeout\s+(\d{1,4})\s+)?bash\s+-c\s+(['"])\s*(?:cat\s*)?<\s*\/dev\/tcp\/([^/\s]+)\/(\d{1,5})\s*\2$/;

function parseProbe(line: string): ParsedProbe | undefined {
  const ping = PING.exec(line);
  if (ping) return { kind: 'ping', ip: ping[2], count: Math.max(1, Number(ping[1])), packet: { protocol: 'icmp' } };
  const tcp = TCP.exec(line);
  if (tcp)
    return {
      kind: 'tcp',
      ip: tcp[3],
      ...(tcp[1] === undefined ? {} : { timeoutSeconds: Number(tcp[1]) }),
      packet: { protocol: 'tcp', port: Number(tcp[4]) },
    };
  return undefined;
}

/** What iputils ping prints (times are fixed, so outputs are repeatable). */
function pingOutcome(ip: string, count: number, reachable: boolean, at: (s: number) => string): Outcome {
  const lines = [`PING ${ip} (${ip}) 56(84) bytes of data.`];
  if (reachable)
    for (let n = 1; n <= count; n += 1) lines.push(`64 bytes from ${ip}: icmp_seq=${n} ttl=64 time=0.2${n % 10}0 ms`);
  const elapsed = (count - 1) * 1000 + (reachable ? 3 : 47);
  lines.push('', `--- ${ip} ping statistics ---`);
  lines.push(
    `${count} packets transmitted, ${reachable ? count : 0} received, ${reachable ? 0 : 100}% packet loss, time ${elapsed}ms`,
  );
  if (reachable) lines.push('rtt min/avg/max/mdev = 0.210/0.220/0.230/0.008 ms');
  return { exitCode: reachable ? 0 : 1, output: `${lines.join('\n')}\n`, finishedTime: at(Math.ceil(elapsed / 1000)) };
}
