import { parse } from 'yaml';
import { startEmulator, validScenario, type RunningEmulator, type ScenarioInput } from '../emulator';
import { parseConfigText, type NormalizedConfig } from '../shared/config';
import { silentLogger } from '../shared/log';
import { reconcile, type ReconcileOptions, type RunReport } from '../shared/reconcile';
import { createRuntime, type Runtime } from '../shared/function-host';
import { type Fleet } from '../test/support/fleet';
import { HUB_CREDENTIALS } from '../test/support/identities';

export async function startFleet(fleet: Fleet): Promise<RunningEmulator> {
  return startEmulator({ scenario: validScenario(fleet.scenario as ScenarioInput) });
}

export function fleetConfig(fleet: Fleet): NormalizedConfig {
  const r = parseConfigText(fleet.configYaml, 'bench.yaml');
  if (!r.ok) throw new Error(`bench config invalid: ${JSON.stringify(r.diagnostics.slice(0, 3))}`);
  return r.config;
}

export function runtimeAt(emu: RunningEmulator): Runtime {
  return createRuntime(
    'cn-qingdao',
    { kind: 'static', credentials: HUB_CREDENTIALS },
    { SG_PAIRING_ECS_ENDPOINT: emu.url, SG_PAIRING_STS_ENDPOINT: emu.url, SG_PAIRING_VPC_ENDPOINT: emu.url },
  );
}

export function sweep(config: NormalizedConfig, runtime: Runtime, options: ReconcileOptions = {}): Promise<RunReport> {
  return reconcile(config, runtime.reconcileDeps(silentLogger), options);
}

export function countCalls(emu: RunningEmulator, since = 0): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of emu.emulator.calls.records.slice(since)) out[c.action] = (out[c.action] ?? 0) + 1;
  return out;
}

export const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

export { parse as parseYaml };
