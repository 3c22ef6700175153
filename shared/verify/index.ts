export { awaitInvocation, isFinal, type PollOptions } from './await-invocation';
export { formatVerifyReport } from './format-verify-report';
export { probeFor, probeScript, readProbe, type Probe, type ProbeVerdict } from './probe-command';
export {
  ensureVerifyCommand,
  probeParameters,
  verifyCommandName,
  verifyCommandScript,
  verifyCommandSpec,
  VERIFY_DATA_MARKER,
} from './verify-command';
export { verifyPairing, type VerifyDeps, type VerifyOptions } from './verify-pairing';
export type { DirectionVerification, ProbeStatus, VerifyReport } from './verify-report';
