import type { AssistantPort, CommandSpec } from '../cloud/port';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../cloud/retry';
import { TerminalError } from '../errors';
import { formatIpv6, isIpv4, isIpv6, parseIpv6Cidr } from '../net';
import { PING_COUNT, TCP_TIMEOUT_SECONDS, type Probe } from './probe-command';

/**
 * The one Cloud Assistant command verify runs, created once per account and region (CreateCommand,
 * RunShellScript, EnableParameter=true) and invoked with three parameters (InvokeCommand): `kind`
 * (icmp or tcp), `host` (an IPv4 or IPv6 address: `ping -6` and a TCP connect over IPv6 for the latter)
 * and `port`. It can do nothing but one ICMP echo or one TCP
 * connect, so the role that invokes it needs no RunCommand (which runs any script) and no `command/*`.
 *
 * Cloud Assistant fills `{{name}}` in as plain text before the shell reads the script
 * (https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-createcommand:
 * custom parameters in `{{}}`, names of letters, digits, `-` and `_`, at most 20, 64 bytes each).
 * A value pasted into shell code could close a quote and run anything; so the parameters sit below
 * `exit`, as data the shell never parses, and the script reads that line from its own file (`$0`,
 * the script file the agent runs) and refuses anything but `icmp|tcp IPv4 port` or `icmp|tcp IPv6 port`
 * (an IPv6 address of hex digits and colons only, 3 to 8 groups, as RFC 5952 writes it).
 * Changing the script makes existing commands stale: ensureVerifyCommand refuses a command of its
 * name with another script (VerifyCommandMismatch), and an account's declared verifyCommandId keeps
 * running the old one, whose IPv6 probes it refuses (exit 2): docs/reachability.md says what to do.
 */
export const VERIFY_PARAMETERS = ['kind', 'host', 'port'] as const;
export const VERIFY_DATA_MARKER = '# sg-pairing-probe-parameters';

/** CreateCommand Name: 1..128 characters; one command per deployment, so deployments never share one. */
export function verifyCommandName(deployment: string): string {
  return `sg-pairing-verify-${deployment}`;
}

/** The first lines of every version of the script: how an older sg-pairing's command is told from someone else's. */
const SCRIPT_HEADER = '#!/bin/bash\n# sg-pairing verify: one reachability probe';

export function verifyCommandScript(): string {
  return [
    '#!/bin/bash',
    '# sg-pairing verify: one reachability probe and nothing else. Its parameters are data below',
    '# `exit` (never run as shell code), read back from this file and checked before use.',
    `params=$(sed -n '/^${VERIFY_DATA_MARKER}$/{n;p;q}' "$0" 2>/dev/null)`,
    'if [[ ! "$params" =~ ^(icmp|tcp)\\ ([0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7})\\ ([0-9]{1,5})$ ]]; then',
    '  echo "sg-pairing: refused probe parameters (expected: icmp|tcp IPv4|IPv6 port)"',
    '  exit 2',
    'fi',
    'host=${BASH_REMATCH[2]}',
    'port=${BASH_REMATCH[5]}',
    `if [ "\${BASH_REMATCH[1]}" = icmp ] && [[ "$host" == *:* ]]; then exec ping -6 -c ${PING_COUNT} -W 2 "$host"; fi`,
    `if [ "\${BASH_REMATCH[1]}" = icmp ]; then exec ping -c ${PING_COUNT} -W 2 "$host"; fi`,
    `exec timeout ${TCP_TIMEOUT_SECONDS} bash -c "</dev/tcp/$host/$port"`,
    'exit 2',
    VERIFY_DATA_MARKER,
    '{{kind}} {{host}} {{port}}',
    '',
  ].join('\n');
}

export function verifyCommandSpec(deployment: string, timeoutSeconds = 30): CommandSpec {
  return {
    name: verifyCommandName(deployment),
    description: `sg-pairing ${deployment}: verify probe (one ping or one TCP connect to the host and port given)`,
    script: verifyCommandScript(),
    timeoutSeconds,
  };
}

/**
 * The InvokeCommand Parameters of one probe (every parameter is sent: port 0 for icmp). The host is
 * a parsed address, sent in its canonical text (an IPv6 one as RFC 5952 writes it: hex digits and
 * colons), never text as given: anything else throws TerminalError 'InvalidProbeHost', before the call.
 */
export function probeParameters(probe: Probe, ip: string): Record<(typeof VERIFY_PARAMETERS)[number], string> {
  return { kind: probe.kind, host: probeHost(ip), port: String(probe.kind === 'tcp' ? probe.port : 0) };
}

export function probeHost(ip: string): string {
  if (isIpv4(ip) && /^[0-9.]+$/.test(ip)) return ip;
  const ipv6 = isIpv6(ip) ? parseIpv6Cidr(ip) : undefined;
  if (ipv6 !== undefined) return formatIpv6(ipv6.address);
  throw new TerminalError(`"${ip.slice(0, 60)}" is not an IPv4 or IPv6 address: no probe is sent to it`, {
    code: 'InvalidProbeHost',
    operation: 'verify',
  });
}

/**
 * The account's verify command: found by name (DescribeCommands), else created (CreateCommand), so a
 * second run reuses it. A command of that name with another script (an older sg-pairing, or someone
 * else's) is never invoked: TerminalError 'VerifyCommandMismatch' names it. Each call is retried on
 * its own; CreateCommand only while throttled (after a 5xx it may have been created: the next run finds it).
 */
export async function ensureVerifyCommand(
  assistant: AssistantPort,
  deployment: string,
  account: string,
  retry: RetryPolicy = DEFAULT_RETRY,
): Promise<{ commandId: string; created: boolean }> {
  const spec = verifyCommandSpec(deployment);
  const found = await withRetry(() => assistant.findCommands(spec.name), retry);
  const same = found.find((c) => c.enableParameter && c.script === spec.script);
  if (same) return { commandId: same.commandId, created: false };
  if (found.length > 0) {
    const older = found.some((c) => c.script.startsWith(SCRIPT_HEADER));
    throw new TerminalError(
      `the Cloud Assistant command "${spec.name}" (${found.map((c) => c.commandId).join(', ')}) in account ${account} does not hold ${older ? "this version's" : "sg-pairing's"} probe script${older ? ' (an older sg-pairing created it)' : ''}: delete it (the next verify creates the current one), or declare the right one as verifyCommandId`,
      { code: 'VerifyCommandMismatch', account, operation: 'verify' },
    );
  }
  const created = await withRetry(() => assistant.createCommand(spec), { ...retry, maxAttempts: 1 });
  return { ...created, created: true };
}
