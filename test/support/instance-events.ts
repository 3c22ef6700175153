// The instance-events function, the real handler, against the emulator: EventBridge bytes in, the
// real SDKs out. Shared by the functions-events-* tests.
import { handler as instanceEvents } from '../../functions/instance-events';
import type { EventsResult } from '../../shared/triggers/eventbridge';
import type { RunningEmulator } from './emulator-access';
import { fcContext } from './function-calls';
import { exampleConfig, exampleScenario, exampleYaml, run, runtimeFor } from './product';
import type { CloudUnderTest } from './use-emulator';

export const PAIRINGS_YAML = exampleYaml();

export interface StartOptions {
  /** reconcile once before the test (default true), so the world is in sync */
  converge?: boolean;
  /** the function's inline config (default: the example pairings) */
  yaml?: string;
  env?: Record<string, string>;
}

export function instanceEventsAgainst(cloud: CloudUnderTest) {
  /** An emulator on this world with the function pointed at it; calls and events cleared, logs captured. */
  async function start(scenario: unknown = exampleScenario(), options: StartOptions = {}): Promise<RunningEmulator> {
    const emu = await cloud.start(scenario);
    cloud.useFunctionEnv(options.yaml ?? PAIRINGS_YAML, options.env);
    if (options.converge ?? true) await run(exampleConfig(), runtimeFor(emu));
    emu.emulator.calls.clear();
    emu.emulator.events.clear();
    cloud.captureLogs();
    return emu;
  }
  const invoke = (event: Buffer, name = 'sg-pairing-instance-events') =>
    instanceEvents(event, fcContext(name)) as Promise<EventsResult>;
  const steps = (action: string) => cloud.logs.lines().filter((l) => l.action === action);
  return { start, invoke, steps };
}
