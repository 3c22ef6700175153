import { parsePorts } from '../config/ports';

/**
 * The shell probe a direction runs on its sending instance (Cloud Assistant, RunShellScript):
 * ICMP echo for `all` and `icmp` pairings, a TCP connect to the first port for `tcp` ones. UDP has
 * no answer to wait for without a listener, so udp pairings are not probed.
 */
export type Probe =
  | { readonly kind: 'icmp'; readonly count: number }
  | { readonly kind: 'tcp'; readonly port: number; readonly timeoutSeconds: number };

export const PING_COUNT = 3;
export const TCP_TIMEOUT_SECONDS = 3;

export function probeFor(protocol: string, ports: string): Probe | undefined {
  if (protocol === 'all' || protocol === 'icmp') return { kind: 'icmp', count: PING_COUNT };
  if (protocol !== 'tcp') return undefined;
  const range = parsePorts(ports);
  return range === undefined || range.from < 1
    ? undefined
    : { kind: 'tcp', port: range.from, timeoutSeconds: TCP_TIMEOUT_SECONDS };
}

/**
 * `ping -c 3 -W 2 10.0.0.2` (`ping -6 -c 3 -W 2 2001:db8::2` over IPv6), or
 * `timeout 3 bash -c '</dev/tcp/10.0.0.2/5432'` (no listener needed beyond the port; bash opens an
 * IPv6 literal the same way).
 */
export function probeScript(probe: Probe, ip: string): string {
  return probe.kind === 'icmp'
    ? `ping ${ip.includes(':') ? '-6 ' : ''}-c ${probe.count} -W 2 ${ip}`
    : `timeout ${probe.timeoutSeconds} bash -c '</dev/tcp/${ip}/${probe.port}'`;
}

export type ProbeVerdict =
  | { readonly reachable: true; readonly summary: string }
  | { readonly reachable: false; readonly summary: string }
  | { readonly reachable: undefined; readonly summary: string };

/**
 * What a finished probe says about the network. ping exits 0 when replies came back and 1 when
 * none did; the TCP probe exits 0 when the connection opened, 1 when it was refused or had no
 * route, 124 when `timeout` ended it. 126/127 (and ping's 2) mean the probe itself could not run.
 */
export function readProbe(probe: Probe, exitCode: number, output: string): ProbeVerdict {
  const stats = /(\d+) packets transmitted, (\d+) received[^\n]*/.exec(output)?.[0];
  if (exitCode === 0)
    return {
      reachable: true,
      summary: probe.kind === 'icmp' ? (stats ?? 'replies received') : `tcp port ${probe.port} accepted the connection`,
    };
  if (probe.kind === 'icmp' && exitCode === 1) return { reachable: false, summary: stats ?? 'no reply' };
  if (probe.kind === 'tcp' && (exitCode === 1 || exitCode === 124)) {
    return {
      reachable: false,
      summary:
        exitCode === 124
          ? `no answer from tcp port ${probe.port} within ${probe.timeoutSeconds} s`
          : `tcp port ${probe.port} refused the connection or had no route`,
    };
  }
  return { reachable: undefined, summary: `the probe could not run (exit code ${exitCode}): ${firstLine(output)}` };
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '(no output)'
  );
}
