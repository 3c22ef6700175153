// Issue 17, failure at scale: one shard's worker crashes; the other shards finish, FC retries the failed one
// (async retries), then hands it to the failure destination (the dead letter), and the next sweep covers its pairings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { handler as reconcileWorker } from '../../functions/reconcile-worker';
import { handler as scheduledReconcile } from '../../functions/scheduled-reconcile';
import { timerBuffer } from '../support/event-fixtures';
import { fcContext } from '../support/function-calls';
import { config, run, runtimeFor } from '../support/product';
import { HUB_ACCOUNT_ID } from '../support/identities';
import { useEmulator } from '../support/use-emulator';
import { fanoutConfigYaml, fanoutScenario } from '../support/fanout-world';

const WORKER = 'sg-pairing-reconcile-worker';
const DEAD_LETTERS = 'sg-pairing-dead-letters';
const FC_ROLE = `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-fc`;
const EXTRA = ['4444444444444444', '5555555555555555'];

const fourAccounts = () => fanoutScenario(EXTRA);
const YAML = fanoutConfigYaml(EXTRA);

/** The worker's async retries as s.yaml deploys them (FC retries each error that many times). */
const DEPLOYED_RETRIES = (
  parse(readFileSync(join(__dirname, '..', '..', 's.yaml'), 'utf8')) as {
    resources: { reconcileWorker: { props: { asyncInvokeConfig: { maxAsyncRetryAttempts: number } } } };
  }
).resources.reconcileWorker.props.asyncInvokeConfig.maxAsyncRetryAttempts;

const cloud = useEmulator();

type Worker = Parameters<typeof reconcileWorker>;
/** The worker as FC runs it, with s.yaml's retries and failure destination; `crash` decides per attempt. */
function registerWorker(
  emu: Awaited<ReturnType<typeof cloud.start>>,
  crash: (shard: number, attempt: number) => boolean,
): { requestPayload: string; requestContext: { approximateInvokeCount: number } }[] {
  const attempts = new Map<number, number>();
  emu.emulator.functions.register(
    WORKER,
    async (event: Worker[0], context: Worker[1]) => {
      const { shard } = JSON.parse(event.toString()) as { shard: number };
      const attempt = (attempts.get(shard) ?? 0) + 1;
      attempts.set(shard, attempt);
      if (crash(shard, attempt)) throw new Error('worker process exited');
      return reconcileWorker(event, context);
    },
    { role: FC_ROLE, asyncInvoke: { maxAsyncRetryAttempts: DEPLOYED_RETRIES, onFailure: DEAD_LETTERS } },
  );
  const deadLetters: { requestPayload: string; requestContext: { approximateInvokeCount: number } }[] = [];
  emu.emulator.functions.register(DEAD_LETTERS, async (event) => void deadLetters.push(JSON.parse(event.toString())));
  return deadLetters;
}

describe('a fanned-out sweep with one shard whose worker crashes', () => {
  it('finishes the others, retries the crashed shard, dead-letters it, and the next sweep covers its pairings', async () => {
    // Prepare: 4 accounts, 2 per shard; shard 1's worker process dies on every attempt; FC retries twice
    const emu = await cloud.start(fourAccounts());
    cloud.useFunctionEnv(YAML, { SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    cloud.captureLogs();
    let crashing = true;
    const deadLetters = registerWorker(emu, (shard) => crashing && shard === 1);

    // Act: a sweep with the crash, then the next sweep
    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    const first = (await emu.emulator.functions.settled()).filter((i) => i.name === WORKER);
    const afterFirst = await run(config(YAML), runtimeFor(emu), { dryRun: true });
    crashing = false;
    emu.emulator.functions.clearInvocations();
    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    const second = (await emu.emulator.functions.settled()).filter((i) => i.name === WORKER);
    const afterSecond = await run(config(YAML), runtimeFor(emu), { dryRun: true });

    // Assess: shard 0 done at once; shard 1 run 1 + s.yaml's 2 retries, then dead-lettered with its payload
    expect(DEPLOYED_RETRIES).toBe(2);
    expect(first.map((i) => [i.status, i.attempt ?? 1]).sort()).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['failed', 3],
      ['succeeded', 1],
    ]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].requestContext.approximateInvokeCount).toBe(1 + DEPLOYED_RETRIES);
    expect(JSON.parse(deadLetters[0].requestPayload)).toMatchObject({ shard: 1, pairings: ['inner-0', 'inner-1'] });
    expect(afterFirst.pairings.map((p) => [p.name, p.status])).toEqual([
      ['app-db', 'InSync'],
      ['inner-0', 'Pending'],
      ['inner-1', 'Pending'],
      ['web-pair', 'InSync'],
    ]);
    // the next sweep: both shards succeed and every pairing is in place
    expect(second.map((i) => i.status)).toEqual(['succeeded', 'succeeded']);
    expect(afterSecond.pairings.every((p) => p.status === 'InSync')).toBe(true);
  });

  it('a shard whose worker crashes once is retried by FC, and its pairings are in place after that one sweep', async () => {
    const emu = await cloud.start(fourAccounts());
    cloud.useFunctionEnv(YAML, { SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    const deadLetters = registerWorker(emu, (shard, attempt) => shard === 1 && attempt === 1);

    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    const invocations = (await emu.emulator.functions.settled()).filter((i) => i.name === WORKER);
    const after = await run(config(YAML), runtimeFor(emu), { dryRun: true });

    expect(invocations.map((i) => [i.status, i.attempt ?? 1]).sort()).toEqual([
      ['failed', 1],
      ['succeeded', 1],
      ['succeeded', 2],
    ]);
    expect(deadLetters).toEqual([]);
    expect(after.pairings.every((p) => p.status === 'InSync')).toBe(true);
  });

  it('a shard whose only failures need a fix (a denied role) is reported once, not re-run by FC', async () => {
    const emu = await cloud.start(fourAccounts());
    cloud.useFunctionEnv(YAML, { SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    const deadLetters = registerWorker(emu, () => false);
    for (const role of emu.emulator.world.accounts.get(EXTRA[1]!)!.roles.values()) role.trust = ['9999999999999999'];

    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    const invocations = (await emu.emulator.functions.settled()).filter((i) => i.name === WORKER);

    // one invocation per shard, none retried; the denied shard's result says which pairings failed and why
    expect(invocations.map((i) => [i.status, i.attempt ?? 1])).toEqual([
      ['succeeded', 1],
      ['succeeded', 1],
    ]);
    expect(deadLetters).toEqual([]);
    const denied = invocations.map((i) => i.result as { ok: boolean; shard: number }).filter((r) => !r.ok);
    expect(denied).toEqual([expect.objectContaining({ ok: false, shard: 1 })]);
  });
});
