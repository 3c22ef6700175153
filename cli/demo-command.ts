import { resolve } from 'node:path';
import { loadScenarioFile, ScenarioError, startEmulator, type Scenario } from '../emulator';
import { silentLogger } from '../shared/log';
import { formatPlan } from '../shared/plan';
import { reconcile } from '../shared/reconcile';
import { createRuntime } from '../shared/function-host';
import { loadConfigOrReport, parseFlags, useColor } from './common-options';
import { fileProblem } from './file-problem';
import { formatGroupRules } from './format-group-rules';
import { formatReport } from './format-report';

const help = `Usage: sg-pairing demo [--scenario FILE] [--config FILE]

Starts the emulator in-process with the example scenario, then: plan (the missing rules), apply,
plan again (converged), and each group's rules as they now stand. No credentials, no network.

  --scenario FILE   emulator scenario (default examples/seed-scenario.yaml)
  --config FILE     pairings file (default examples/pairings.yaml)`;

/** The hub identity of the seed scenario: the demo's stand-in for the function's own credentials. */
const HUB = { accessKeyId: 'LTAIhubExampleKey', accessKeySecret: 'hub-example-secret' };

export async function runDemoCommand(argv: string[]): Promise<number> {
  const examples = resolve(__dirname, '..', 'examples');
  const { values } = parseFlags(
    argv,
    {
      scenario: { type: 'string', default: resolve(examples, 'seed-scenario.yaml') },
      config: { type: 'string', default: resolve(examples, 'pairings.yaml') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    { positionals: false },
  );
  if (values.help) return (void process.stdout.write(help + '\n'), 0);
  const config = await loadConfigOrReport(values.config, { command: 'demo' });
  if (!config) return 1;
  const scenario = readScenario(values.scenario);
  if (!scenario) return 1;
  const emulator = await startEmulator({ scenario });
  const out = (s = '') => process.stdout.write(s + '\n');
  const color = useColor();
  try {
    out(`Emulator listening on ${emulator.url} (scenario ${values.scenario})`);
    const env = {
      ...process.env,
      SG_PAIRING_ECS_ENDPOINT: emulator.url,
      SG_PAIRING_STS_ENDPOINT: emulator.url,
      SG_PAIRING_VPC_ENDPOINT: emulator.url,
    };
    const runtime = createRuntime(config.region, { kind: 'static', credentials: HUB }, env);
    const deps = runtime.reconcileDeps(silentLogger);

    out('\n== 1. plan ==');
    out(formatPlan((await reconcile(config, deps, { dryRun: true })).plan, { color }));
    out('\n== 2. apply ==');
    const applied = await reconcile(config, deps);
    out(formatReport(applied, color));
    out('\n== 3. plan again ==');
    const again = await reconcile(config, deps, { dryRun: true });
    out(formatPlan(again.plan, { color }));
    out('\n== 4. rules as they now stand ==');
    out(formatGroupRules(emulator.emulator.world));
    const calls = emulator.emulator.calls.records;
    out(`\n${calls.length} API calls: ${summarize(calls.map((c) => c.action))}`);
    return applied.ok && again.counts.pending === 0 ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

function summarize(actions: string[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts.entries()].map(([a, n]) => `${a} ${n}`).join(', ');
}

function readScenario(file: string): Scenario | undefined {
  try {
    return loadScenarioFile(file);
  } catch (err) {
    process.stderr.write(
      `${err instanceof ScenarioError ? err.message : `sg-pairing demo: cannot read ${file}: ${fileProblem(err)}`}\n`,
    );
    return undefined;
  }
}
