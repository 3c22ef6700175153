/**
 * The emulator's public surface: start one (in-process), load scenarios, and the types tests and
 * tools use. The product talks to it over HTTP only, through the real Alibaba SDKs.
 */
export { Emulator, startEmulator, type EmulatorOptions, type RunningEmulator } from './server';
export { loadScenarioFile, validScenario, parseScenario, parseScenarioText, ScenarioError, type Scenario, type ScenarioInput } from './scenario';
export { FaultSpecError } from './faults';
export type { FaultSpec, FaultSpecInput } from './fault-spec';
export type { CallRecord } from './call-log';
export type { CloudEvent } from './events';
export type { Issue } from './issues';
export type { FunctionContext, FunctionCredentials, FunctionHandler, FunctionOptions, InvocationRecord } from './handlers/fc';
export { ApiError, knownErrorCodes } from './errors';
