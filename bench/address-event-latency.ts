/**
 * Issue 5's figure: a RunInstances into a paired group whose pairing runs by address (two accounts,
 * two VPCs), its emitted events handed to instance-events, until the new IPs are allowed in every
 * peer group. Emulator at 50 ms per call; the function instance is warm (its role sessions exist).
 * Run: `npx tsx bench/address-event-latency.ts`.
 */
import { handler as instanceEvents } from '../functions/instance-events';
import { handler as scheduledReconcile } from '../functions/scheduled-reconcile';
import { forgetFunctionConfig, forgetFunctionRuntime, type FcContext } from '../shared/function-host';
import { startWith } from '../test/support/product';
import { ipOf, launch, ruleLines, takeEvents, twoVpcScenario, TWO_VPC_YAML } from '../test/support/two-vpcs';

const context = (): FcContext => ({
  requestId: `bench-${Date.now()}`,
  credentials: { accessKeyId: 'LTAIhubExampleKey', accessKeySecret: 'hub-example-secret' },
  function: { name: 'sg-pairing-instance-events' },
  region: 'cn-qingdao',
  accountId: '1000000000000001',
});

export async function measureAddressEventLatency(
  latencyMs = 50,
  amount = 3,
): Promise<{ roundTrips: number; wallMs: number; allowed: boolean }> {
  const emu = await startWith(twoVpcScenario());
  const saved = { ...process.env };
  Object.assign(process.env, {
    SG_PAIRING_CONFIG: TWO_VPC_YAML,
    SG_PAIRING_ECS_ENDPOINT: emu.url,
    SG_PAIRING_VPC_ENDPOINT: emu.url,
    SG_PAIRING_STS_ENDPOINT: emu.url,
    SG_PAIRING_FC_ENDPOINT: emu.url,
  });
  forgetFunctionConfig();
  forgetFunctionRuntime();
  const quiet = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write; // the handler's JSON log lines
  try {
    await instanceEvents(Buffer.from(JSON.stringify([])), context()); // warm: sessions and config
    await scheduledReconcile(
      Buffer.from(JSON.stringify({ triggerTime: new Date().toISOString(), triggerName: 'bench', payload: '' })),
      context(),
    );
    const ids = await launch(emu, '1111111111111111', 'sg-web', amount);
    const events = takeEvents(emu);
    emu.emulator.calls.clear();
    emu.emulator.faults.set({ latencyMs });
    const t = performance.now();
    await instanceEvents(Buffer.from(JSON.stringify(events)), context());
    const wallMs = performance.now() - t;
    const lines = ruleLines(emu, 'sg-db').join('\n');
    const allowed = ids.every((i) => lines.includes(`${ipOf(emu, i)}/32`));
    return { roundTrips: emu.emulator.calls.records.length, wallMs, allowed };
  } finally {
    process.stdout.write = quiet;
    process.env = saved;
    await emu.close();
  }
}

if (require.main === module) {
  measureAddressEventLatency().then((r) =>
    console.log(
      `RunInstances (3 instances) -> new IPs allowed in every peer group: ${r.roundTrips} API calls, ${r.wallMs.toFixed(0)} ms at 50 ms/call, allowed=${r.allowed}`,
    ),
  );
}
