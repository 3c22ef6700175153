/**
 * The emulator's public surface: start one (in-process), load scenarios, and the types tests and
 * tools use. The product talks to it over HTTP only, through the real Alibaba SDKs.
 */
export { Emulator, startEmulator, type EmulatorOptions, type RunningEmulator } from './gateway/server';
export {
  loadScenarioFile,
  parseScenario,
  parseScenarioText,
  ScenarioError,
  validScenario,
  type Scenario,
  type ScenarioInput,
} from './scenario/scenario';
export { FaultSpecError } from './faults/faults';
export type { CallGate } from './faults/call-gates';
export type { FaultSpec, FaultSpecInput } from './faults/fault-spec';
export type { CallRecord } from './gateway/call-log';
export type { CloudEvent } from './events/event-log';
export type { Issue } from './errors/issues';
export type {
  FunctionContext,
  FunctionCredentials,
  FunctionHandler,
  FunctionLogger,
  FunctionOptions,
  InvocationRecord,
} from './handlers/fc';
export { signAcs3Request, type SigningInput } from './gateway/signature';
export { ApiError, knownErrorCodes } from './errors/api-errors';
export type {
  Account,
  Instance,
  InstanceStatus,
  Role,
  Rule,
  SecurityGroup,
  Vpc,
  VpcConnection,
  World,
} from './models/world';
export { finishLaunch } from './models/instances';
export { evaluatePolicy, matchesPattern, parseRamPolicy, ramRequestOf, type RamPolicy } from './ram';
