import { isIPv6 } from 'node:net';
import { parseIpv4 } from './ipv4';
import { evaluateReachability, type Probe, type Reachability } from './reachability';
import { isoSeconds, type Scope } from './scope';
import type { Instance, InvocationResult } from './world';

/**
 * What the emulated agent does with a script: it runs nothing, it recognises network probes and
 * answers them from the emulated network (models/reachability.ts); any other script exits 127.
 * - a one-line `ping -c N [-W S] IP`: N replies and exit 0, or `100% packet loss` and exit 1;
 * - a one-line `[timeout S] bash -c '</dev/tcp/IP/PORT'`: exit 0 when the connection opens (every
 *   port has a listener), else 124 when `timeout` ends it, or the invocation times out without one;
 * - a probe whose target is data (a parameterised command, as sg-pairing's verify command): a line
 *   `# <name>probe-parameters` followed by `icmp|tcp IPv4|IPv6 PORT` (the parameters as InvokeCommand filled
 *   them in), answered as the script's own `ping -c N` / `timeout S bash -c` would be; any other
 *   content of that line is refused with exit 2, as the script refuses it.
 * An IPv6 target (`ping -6 -c N IPv6`, `/dev/tcp/IPv6/PORT`, or an IPv6 data line) is answered over
 * IPv6 (models/reachability.ts).
 */
type Outcome = Pick<InvocationResult, 'exitCode' | 'output' | 'finishedTime'> & { timedOut?: boolean };

export function runScript(scope: Scope, from: Instance, script: string, timeoutSeconds: number): Outcome {
  const at = (seconds: number) => isoSeconds(scope.now + seconds * 1000);
  const data = dataProbe(script);
  if (data === 'refused')
    return {
      exitCode: 2,
      output: 'refused probe parameters (expected: icmp|tcp IPv4|IPv6 port)\n',
      finishedTime: at(0),
    };
  const lines = script
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const probe = data ?? (lines.length === 1 ? parseProbe(lines[0]) : undefined);
  if (!probe) {
    return {
      exitCode: 127,
      output: "sg-pairing emulator: only `ping -c N IP` and `timeout S bash -c '</dev/tcp/IP/PORT'` are simulated\n",
      finishedTime: at(0),
    };
  }
  if (parseIpv4(probe.ip) === undefined && !isIPv6(probe.ip))
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

const PING = /^ping\s+(?:-[qn6]\s+)*-c\s*(\d{1,3})(?:\s+-[qn])*(?:\s+-[Wwi]\s*\d+(?:\.\d+)?)*(?:\s+-[qn])*\s+(\S+)$/;
const TCP = /^(?:timeout\s+(\d{1,4})\s+)?bash\s+-c\s+(['"])\s*(?:cat\s*)?<\s*\/dev\/tcp\/([^/\s]+)\/(\d{1,5})\s*\2$/;

const DATA_MARKER = /^# [\w-]*probe-parameters$/;
const DATA_LINE = /^(icmp|tcp) ([0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}) ([0-9]{1,5})$/;

/**
 * The probe a parameterised script describes as data (see above): undefined when the script has no
 * data marker, 'refused' when its data line is not `icmp|tcp IPv4|IPv6 PORT`. The ping count and the TCP
 * timeout are the script's own (`ping -c N`, `timeout S bash -c`).
 */
function dataProbe(script: string): ParsedProbe | 'refused' | undefined {
  const lines = script.split('\n');
  const at = lines.findIndex((l) => DATA_MARKER.test(l.trim()));
  if (at < 0) return undefined;
  const m = DATA_LINE.exec(lines[at + 1] ?? '');
  if (!m) return 'refused';
  if (m[1] === 'icmp') {
    const count = Number(/\bping\s+-c\s*(\d{1,3})/.exec(script)?.[1] ?? '3');
    return { kind: 'ping', ip: m[2], count: Math.max(1, count), packet: { protocol: 'icmp' } };
  }
  const timeout = /\btimeout\s+(\d{1,4})\s+bash\s+-c/.exec(script)?.[1];
  return {
    kind: 'tcp',
    ip: m[2],
    ...(timeout === undefined ? {} : { timeoutSeconds: Number(timeout) }),
    packet: { protocol: 'tcp', port: Number(m[3]) },
  };
}

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
