import type { DirectionExplanation, Endpoint, Prerequisite } from '../explain';

/**
 * Reachable: the probe got through. Unreachable: it did not (the diagnosis says why, when a rule
 * does). Unknown: the probe could not tell (not run, failed to run, no result in time).
 * Skipped: nothing to probe from or to, or a udp pairing.
 */
export type ProbeStatus = 'Reachable' | 'Unreachable' | 'Unknown' | 'Skipped';

export interface DirectionVerification {
  /** the address family probed (ipVersion ipv6 or dual: one probe per direction per family); absent: IPv4 only */
  readonly family?: 'ipv4' | 'ipv6';
  readonly from: Endpoint;
  readonly to: Endpoint;
  /** the script run on the sending instance */
  readonly probe?: string;
  readonly status: ProbeStatus;
  /** CamelCase token: ProbeSucceeded, ProbeFailed, VerifyTimedOut, UdpNotProbed, or a cloud error code */
  readonly reason: string;
  readonly message: string;
  readonly invokeId?: string;
  readonly exitCode?: number;
  /** the probe's output, at most 2,000 characters */
  readonly output?: string;
  /** explain's reading of this direction, when it was not Reachable */
  readonly diagnosis?: DirectionExplanation;
}

/** The answer of `sg-pairing verify` and `POST /verify`. */
export interface VerifyReport {
  readonly version: 1;
  readonly runId: string;
  readonly deployment: string;
  readonly pairing: string;
  readonly region: string;
  readonly traffic: string;
  /** every direction Reachable */
  readonly reachable: boolean;
  readonly directions: readonly DirectionVerification[];
  /** the network conditions outside security groups (explain's) */
  readonly prerequisites: readonly Prerequisite[];
}
