// One harness for the integration tests: an emulator per test (or per suite), the process
// environment pointed at it, the functions' logs captured, and all of it undone by the fixture's
// own teardown, so no test file writes its own afterEach.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Emulator, FaultSpecInput, RunningEmulator } from '../../emulator';
import { startEmulator, validScenarioInput } from './emulator-access';
import { emulatorEnv, setEnv } from './faces';
import { captureLogs, useFunctionEnv, type CapturedLogs } from './function-calls';

export interface StartOptions {
  /** injected before the test runs (see emulator/COVERAGE.md "Faults") */
  faults?: FaultSpecInput | FaultSpecInput[];
  /** the cloud's clock (epoch ms) */
  clock?: () => number;
}

export interface UseEmulatorOptions extends StartOptions {
  /** the world to start from; without it, each test starts its own with `cloud.start(scenario)` */
  scenario?: unknown;
  /** a fresh emulator for each test (default), or one for the whole suite (file or describe) */
  per?: 'test' | 'suite';
}

export interface CloudUnderTest {
  /** the emulator started last (throws when none is running) */
  readonly emulator: RunningEmulator;
  readonly url: string;
  /** the running emulator's state, as tests reach into it (world, faults, calls, events, functions) */
  readonly world: Emulator['world'];
  readonly faults: Emulator['faults'];
  readonly calls: Emulator['calls'];
  readonly events: Emulator['events'];
  /** the logs captured by `captureLogs` (throws when not capturing) */
  readonly logs: CapturedLogs;
  /** what the handlers and the CLI read from the environment: the hub key and the emulator's endpoints */
  env(extra?: Record<string, string>): Record<string, string>;
  /** starts an emulator on this world; it is closed by the teardown */
  start(scenario: unknown, options?: StartOptions): Promise<RunningEmulator>;
  /** points the FC functions at the emulator with this inline config (replacing an earlier one) */
  useFunctionEnv(configYaml: string, extra?: Record<string, string | undefined>): void;
  /** sets process variables until the teardown */
  setEnv(vars: Record<string, string | undefined>): void;
  /** captures the functions' JSON log lines on stdout until the teardown */
  captureLogs(): CapturedLogs;
  /** restores logs and environment and closes every emulator; the hooks call it, a loop may too */
  teardown(): Promise<void>;
}

export function useEmulator(options: UseEmulatorOptions = {}): CloudUnderTest {
  const emulators: RunningEmulator[] = [];
  const undo: (() => void)[] = [];
  let logs: CapturedLogs | undefined;

  const cloud: CloudUnderTest = {
    get emulator() {
      const last = emulators.at(-1);
      if (!last) throw new Error('useEmulator: no emulator running (give a scenario, or call cloud.start)');
      return last;
    },
    get url() {
      return cloud.emulator.url;
    },
    get world() {
      return cloud.emulator.emulator.world;
    },
    get faults() {
      return cloud.emulator.emulator.faults;
    },
    get calls() {
      return cloud.emulator.emulator.calls;
    },
    get events() {
      return cloud.emulator.emulator.events;
    },
    get logs() {
      if (!logs) throw new Error('useEmulator: not capturing logs (call cloud.captureLogs)');
      return logs;
    },
    env: (extra = {}) => emulatorEnv(cloud.url, extra),
    async start(scenario, startOptions = {}) {
      const started = await startEmulator({ scenario: validScenarioInput(scenario), clock: startOptions.clock });
      emulators.push(started);
      if (startOptions.faults) started.emulator.faults.set(startOptions.faults);
      return started;
    },
    // one stack of undos, unwound newest first: an environment set over another is restored to it, then to the original
    useFunctionEnv(configYaml, extra) {
      undo.push(useFunctionEnv(cloud.emulator, configYaml, extra));
    },
    setEnv: (vars) => void undo.push(setEnv(vars)),
    captureLogs() {
      logs?.restore();
      logs = captureLogs();
      return logs;
    },
    async teardown() {
      logs?.restore();
      for (const restore of undo.splice(0).reverse()) restore();
      const closing = emulators.splice(0).map((e) => e.close());
      logs = undefined;
      await Promise.all(closing);
    },
  };

  const setUp = async () => {
    if (options.scenario !== undefined) await cloud.start(options.scenario, options);
  };
  if (options.per === 'suite') {
    beforeAll(setUp);
    afterAll(() => cloud.teardown());
  } else {
    beforeEach(setUp);
    afterEach(() => cloud.teardown());
  }
  return cloud;
}
