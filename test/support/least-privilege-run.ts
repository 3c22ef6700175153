// The product run as a session of the hub role (FC's execution role) in a world whose roles carry
// the RAM documents `sg-pairing iam` generates. Shared by the least-privilege-* tests.
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { computeIamPlan, type IamPlan } from '../../shared/iam';
import type { RunReport } from '../../shared/reconcile';
import type { Creds } from './clients';
import type { RunningEmulator } from './emulator-access';
import { timerBuffer } from './event-fixtures';
import { fcContext } from './function-calls';
import { hubSession, HUB_ROLE_ARN, scenarioWithPolicies } from './least-privilege';
import { exampleConfig, exampleYaml, run, runtimeFor } from './product';
import type { CloudUnderTest } from './use-emulator';

const WORKER = 'sg-pairing-reconcile-worker';
/** The IAM plan of the example pairings, with the hub role as the functions' identity. */
export const PLAN = computeIamPlan(exampleConfig(), { hubRoleArn: HUB_ROLE_ARN });

export const reconcileAs = (e: RunningEmulator, hub: Creds, dryRun = false): Promise<RunReport> =>
  run(exampleConfig(), runtimeFor(e, hub), { dryRun });
export const statuses = (report: RunReport) => Object.fromEntries(report.pairings.map((p) => [p.name, p.status]));
/** The actions the emulator refused for want of a RAM grant, in call order. */
export const denials = (e: RunningEmulator) =>
  e.emulator.calls.records.filter((c) => c.code === 'Forbidden.RAM').map((c) => c.action);

export function leastPrivilegeAgainst(cloud: CloudUnderTest) {
  /** The example world (plus a stale rule to prune) under the plan's policies; the product's identity is a hub-role session. */
  async function start(
    plan: IamPlan,
    env: Record<string, string> = {},
  ): Promise<{ emu: RunningEmulator; hub: Required<Creds> }> {
    const emu = await cloud.start(scenarioWithPolicies(plan, { staleOwnedRule: true }));
    cloud.useFunctionEnv(exampleYaml(), { SG_PAIRING_RETRY_MAX_ATTEMPTS: '2', ...env });
    return { emu, hub: await hubSession(emu) };
  }

  /** The scheduled reconcile fanned out (one account per shard): the worker runs as the hub role too. */
  async function fanOut(e: RunningEmulator, hub: Creds) {
    e.emulator.functions.register(WORKER, reconcileWorker, { role: HUB_ROLE_ARN });
    const logs = cloud.captureLogs();
    const result = (await scheduledReconcile(
      timerBuffer('every-10-minutes'),
      fcContext('sg-pairing-scheduled-reconcile', { credentials: hub }),
    )) as { ok: boolean; failures: { code: string; message: string }[] };
    const invocations = await e.emulator.functions.settled();
    logs.restore();
    return { result, invocations };
  }
  return { start, fanOut };
}
