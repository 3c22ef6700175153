import { randomUUID } from 'node:crypto';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import type { NormalizedConfig, NormalizedPairing } from '../config';
import { TerminalError, toSgPairingError } from '../errors';
import { explainPairing, readExplainState, type CloudAccess, type DirectionExplanation } from '../explain';
import type { Logger } from '../log';
import { selectPairings } from '../plan';
import { awaitInvocation, type PollOptions } from './await-invocation';
import { probeFor, probeScript, readProbe, type Probe } from './probe-command';
import { ensureVerifyCommand, probeParameters } from './verify-command';
import type { DirectionVerification, VerifyReport } from './verify-report';

export interface VerifyOptions {
  /** refuse (TerminalError 'VerifyNotEnabled') a pairing without `verify: true`: the HTTP face */
  readonly requireOptIn?: boolean;
  /** DescribeInvocationResults interval (default 2 s) */
  readonly pollIntervalMs?: number;
  /** longest wait for a probe's result (default 60 s) */
  readonly maxWaitMs?: number;
  /** InvokeCommand Timeout, seconds (default 30) */
  readonly commandTimeoutSeconds?: number;
  readonly runId?: string;
  readonly retry?: RetryPolicy;
  /** injectable for tests; real timers otherwise */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface VerifyDeps extends CloudAccess {
  readonly log: Logger;
}

const MAX_OUTPUT = 2000;
const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * "Wait a minute, then ping between the two instances": reads the pairing (explain's read), runs
 * one probe per direction (and per family: ipVersion ipv6 or dual probe over IPv6, dual over both) through Cloud Assistant on the sending side's instance (the instance, or
 * the first Running member of a group or tag side) against the receiving one's private IP, polls
 * for the results (bounded), and reports each direction with explain's diagnosis when it did not
 * get through. Directions run concurrently. An unknown pairing throws UsageError 'UnknownPairing'.
 */
export async function verifyPairing(
  config: NormalizedConfig,
  name: string,
  deps: VerifyDeps,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const pairing = selectPairings(config, [name])[0];
  if (options.requireOptIn && pairing.verify !== true) {
    throw new TerminalError(
      `pairing "${name}" has not opted in to verification: add "verify: true" to it in the pairings file`,
      { code: 'VerifyNotEnabled', pairing: name, operation: 'verify' },
    );
  }
  const runId = options.runId ?? randomUUID();
  const log = deps.log.child({ runId, pairing: name });
  const retry = options.retry ?? DEFAULT_RETRY;
  const state = await readExplainState(pairing, { ...deps, retry });
  const explanation = explainPairing(config, pairing, state);
  const poll: PollOptions = {
    intervalMs: options.pollIntervalMs ?? 2000,
    maxWaitMs: options.maxWaitMs ?? 60_000,
    retry,
    sleep: options.sleep ?? sleepFor,
    now: options.now ?? Date.now,
  };
  const run: ProbeContext = {
    deps,
    poll,
    timeout: options.commandTimeoutSeconds ?? 30,
    log,
    commandOf: commandResolver(config, deps, retry),
  };
  const directions = await Promise.all(
    explanation.directions.map(async (d) => ({
      ...(d.family === undefined ? {} : { family: d.family }),
      ...(await verifyDirection(pairing, d, run)),
    })),
  );
  const report: VerifyReport = {
    version: 1,
    runId,
    deployment: config.name,
    pairing: pairing.name,
    region: pairing.region,
    traffic: explanation.traffic,
    reachable: directions.every((d) => d.status === 'Reachable'),
    directions,
    prerequisites: explanation.prerequisites,
  };
  log.info('verify', {
    reachable: report.reachable,
    directions: directions.map(
      (d) => `${d.family ? `${d.family}:` : ''}${d.from.instanceId ?? '?'}->${d.to.instanceId ?? '?'}:${d.status}`,
    ),
  });
  return report;
}

/** What every probe of one verify run shares. */
interface ProbeContext {
  readonly deps: VerifyDeps;
  readonly poll: PollOptions;
  readonly timeout: number;
  readonly log: Logger;
  /** the account's verify command id, resolved once per account and run */
  readonly commandOf: (accountId: string) => Promise<string>;
}

/**
 * The verify command of each account: its declared `verifyCommandId` (the generated policy grants
 * InvokeCommand on exactly that command), else found by name or created once (ensureVerifyCommand,
 * which needs ecs:DescribeCommands and ecs:CreateCommand: a bootstrap with an admin's rights).
 * Both directions sent from one account share one lookup.
 */
function commandResolver(config: NormalizedConfig, deps: VerifyDeps, retry: RetryPolicy) {
  const resolved = new Map<string, Promise<string>>();
  return (accountId: string): Promise<string> => {
    let id = resolved.get(accountId);
    if (!id) {
      const declared = Object.values(config.accounts).find((a) => a.accountId === accountId)?.verifyCommandId;
      id =
        declared === undefined
          ? deps
              .assistantFor(accountId)
              .then((assistant) => ensureVerifyCommand(assistant, config.name, accountId, retry))
              .then((c) => c.commandId)
          : Promise.resolve(declared);
      resolved.set(accountId, id);
    }
    return id;
  };
}

async function verifyDirection(
  pairing: NormalizedPairing,
  d: DirectionExplanation,
  run: ProbeContext,
): Promise<DirectionVerification> {
  const base = { from: d.from, to: d.to };
  const probe = probeFor(pairing.protocol, pairing.ports);
  if (!probe)
    return {
      ...base,
      status: 'Skipped',
      reason: 'UdpNotProbed',
      message: 'udp has no answer to wait for without a listener: this direction is not probed',
      diagnosis: d,
    };
  if (d.from.instanceId === undefined || d.to.ip === undefined) {
    return {
      ...base,
      status: 'Skipped',
      reason: 'NoProbeEndpoint',
      message: `nothing to probe ${d.from.instanceId === undefined ? 'from' : 'to'}: ${d.verdict === 'Unknown' ? d.message : 'no Running instance with an address'}`,
      diagnosis: d,
    };
  }
  const script = probeScript(probe, d.to.ip);
  try {
    return await runProbe({ d, probe, script, from: d.from.instanceId, to: d.to.ip }, run);
  } catch (err) {
    const e = toSgPairingError(err, { account: d.from.accountId, pairing: pairing.name });
    run.log.warn('verify.failed', { error: e.toJSON() });
    return {
      ...base,
      probe: script,
      status: 'Unknown',
      reason: e.code,
      message: `the probe could not be run: ${e.message}${SETUP_OPERATIONS.has(e.operation ?? '') ? SETUP_HINT : ''}`,
      diagnosis: d,
    };
  }
}

/** Finding or creating the verify command: the bootstrap's calls, which the generated policy does not grant. */
const SETUP_OPERATIONS = new Set(['ecs:DescribeCommands', 'ecs:CreateCommand']);
const SETUP_HINT =
  '; the account declares no verifyCommandId, and finding or creating the verify command needs ecs:DescribeCommands and ecs:CreateCommand: create it once as `sg-pairing iam` shows and declare its CommandId';

/** An IPv6 probe refused by the command: the account's command predates IPv6 probes (a declared verifyCommandId). */
const STALE_COMMAND_HINT =
  "; a verify command created before sg-pairing probed over IPv6 refuses IPv6 hosts: create the current one as `sg-pairing iam` shows and declare its CommandId as verifyCommandId (docs/reachability.md, 'IPv6')";

interface ProbeRun {
  readonly d: DirectionExplanation;
  readonly probe: Probe;
  readonly script: string;
  /** the sending instance */
  readonly from: string;
  /** the receiving address */
  readonly to: string;
}

/**
 * Invokes the account's verify command on the sending instance and reads its result. InvokeCommand
 * is retried only while throttled (a throttled request was refused before it ran); after a 5xx or a
 * timeout the probe may have started, so it is not sent again.
 */
async function runProbe(
  { d, probe, script, from, to }: ProbeRun,
  { deps, poll, timeout, log, commandOf }: ProbeContext,
): Promise<DirectionVerification> {
  const assistant = await deps.assistantFor(d.from.accountId);
  const commandId = await commandOf(d.from.accountId);
  const parameters = probeParameters(probe, to);
  const { invokeId } = await withRetry(() => assistant.invokeCommand(commandId, [from], parameters, timeout), {
    ...poll.retry,
    maxAttempts: 1,
  });
  log.debug('verify.probe', { from, to: d.to.instanceId, commandId, invokeId });
  const result = await awaitInvocation(assistant, invokeId, from, poll);
  const ran = { from: d.from, to: d.to, probe: script, invokeId };
  if (!result)
    return {
      ...ran,
      status: 'Unknown',
      reason: 'VerifyTimedOut',
      message: `no result within ${poll.maxWaitMs} ms (invocation ${invokeId})`,
      diagnosis: d,
    };
  const output = result.output.slice(0, MAX_OUTPUT);
  const exit = result.exitCode === undefined ? {} : { exitCode: result.exitCode };
  if (!['success', 'failed'].includes(result.status.toLowerCase()) || result.exitCode === undefined) {
    return {
      ...ran,
      ...exit,
      output,
      status: 'Unknown',
      reason: `Probe${result.status || 'Unknown'}`,
      message: `the probe ended ${result.status}${result.errorCode ? ` (${result.errorCode}: ${result.errorInfo})` : ''}`,
      diagnosis: d,
    };
  }
  return finished(ran, probe, result.exitCode, output, d);
}

function finished(
  ran: Pick<DirectionVerification, 'from' | 'to' | 'probe' | 'invokeId'>,
  probe: Probe,
  exitCode: number,
  output: string,
  d: DirectionExplanation,
): DirectionVerification {
  const verdict = readProbe(probe, exitCode, output);
  const common = { ...ran, exitCode, output };
  if (verdict.reachable === true)
    return { ...common, status: 'Reachable', reason: 'ProbeSucceeded', message: verdict.summary };
  if (verdict.reachable === undefined) {
    const message = `${verdict.summary}${d.family === 'ipv6' && exitCode === 2 ? STALE_COMMAND_HINT : ''}`;
    return { ...common, status: 'Unknown', reason: 'ProbeNotRunnable', message, diagnosis: d };
  }
  // the rules let it in, yet nothing came back: the cause is outside the security groups
  const hint =
    d.verdict === 'Allowed'
      ? '; the security groups allow it: check the network prerequisites (a VPC connection), the instance firewall, and for tcp that something listens on the port'
      : `; ${d.message}`;
  return {
    ...common,
    status: 'Unreachable',
    reason: 'ProbeFailed',
    message: `${verdict.summary}${hint}`,
    diagnosis: d,
  };
}
