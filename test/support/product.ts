import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { startEmulator, validScenarioInput, type RunningEmulator } from './emulator-access';
import { parseConfigText, type NormalizedConfig } from '../../shared/config';
import { silentLogger, type Logger } from '../../shared/log';
import { reconcile, type ReconcileOptions, type RunReport } from '../../shared/reconcile';
import { createRuntime, type Runtime } from '../../shared/function-host';
import { ACCOUNT_A_CREDENTIALS, ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_CREDENTIALS } from './identities';
import { client, revoke } from './ecs-calls';

export const examples = resolve(__dirname, '..', '..', 'examples');

export function config(yamlText: string): NormalizedConfig {
  const r = parseConfigText(yamlText, 'test.yaml');
  if (!r.ok) throw new Error(`test config invalid: ${JSON.stringify(r.diagnostics)}`);
  return r.config;
}

/** The example pairings file's text: web-pair (two instances of a) and app-db (a group of a and one of b). */
export const exampleYaml = (): string => readFileSync(resolve(examples, 'pairings.yaml'), 'utf8');
export const exampleConfig = (): NormalizedConfig => config(exampleYaml());

/** A deployment "demo" of the single account a (ACCOUNT_A_ID), with these pairings (YAML list items). */
export const oneAccountYaml = (pairings: string, top = ''): string => `version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" } }
${top}pairings:
${pairings}`;
/** A deployment "demo" of accounts a and b whose pairing web-pair (i-a1, i-a2) opts in to verify; `extra` adds pairings. */
export const webPairVerifyYaml = (extra = ''): string => `
version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" }, b: { id: "${ACCOUNT_B_ID}" } }
pairings:
  - name: web-pair
    verify: true
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
${extra}`;
export const exampleScenario = (): unknown => parse(readFileSync(resolve(examples, 'seed-scenario.yaml'), 'utf8'));

/** The real product stack (SDK adapters, sessions) pointed at a running emulator. */
export function runtimeFor(emu: RunningEmulator, credentials = HUB_CREDENTIALS, region = 'cn-qingdao'): Runtime {
  const env = {
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_RESOURCEMANAGER_ENDPOINT: emu.url,
  };
  return createRuntime(region, { kind: 'static', credentials }, env);
}

/** A reconcile with fast retries, so fault tests don't wait for production backoff. */
export function run(
  cfg: NormalizedConfig,
  runtime: Runtime,
  options: ReconcileOptions = {},
  log: Logger = silentLogger,
): Promise<RunReport> {
  return reconcile(cfg, runtime.reconcileDeps(log), {
    retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
}

export async function startWith(scenario: unknown): Promise<RunningEmulator> {
  return startEmulator({ scenario: validScenarioInput(scenario) });
}

/** Counts the emulator's calls by action, e.g. { AuthorizeSecurityGroup: 2 }. */
export function callCounts(emu: RunningEmulator): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of emu.emulator.calls.records) out[c.action] = (out[c.action] ?? 0) + 1;
  return out;
}

export function ingressRules(emu: RunningEmulator, groupId: string) {
  const g = emu.emulator.world.groups.get(groupId);
  if (!g) throw new Error(`no group ${groupId}`);
  return g.rules.filter((r) => r.direction === 'ingress');
}

/** Account a revokes, by hand, the example's web-pair rule of sg-a1 (from 10.0.0.2/32): a drift a user would fix. */
export async function revokeWebPairRuleByHand(emu: RunningEmulator): Promise<void> {
  await revoke(client(emu, ACCOUNT_A_CREDENTIALS), 'sg-a1', [
    { ipProtocol: 'ALL', portRange: '-1/-1', sourceCidrIp: '10.0.0.2/32' },
  ]);
}
