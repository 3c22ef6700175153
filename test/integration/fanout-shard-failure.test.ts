// Issue 17, failure at scale: one shard's worker crashes; the other shards finish, FC retries the failed one
// (async retries), then hands it to the failure destination (the dead letter), and the next sweep covers its pairings.
import { describe, expect, it } from 'vitest';
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

const cloud = useEmulator();

describe('a fanned-out sweep with one shard whose worker crashes', () => {
  it('finishes the others, retries the crashed shard, dead-letters it, and the next sweep covers its pairings', async () => {
    // Prepare: 4 accounts, 2 per shard; shard 1's worker process dies on every attempt; FC retries twice
    const emu = await cloud.start(fourAccounts());
    cloud.useFunctionEnv(YAML, { SG_PAIRING_FANOUT_ACCOUNTS: '2' });
    cloud.captureLogs();
    let crashing = true;
    emu.emulator.functions.register(
      WORKER,
      async (event, context) => {
        if (crashing && (JSON.parse(event.toString('utf8')) as { shard: number }).shard === 1)
          throw new Error('worker process exited');
        return reconcileWorker(event, context);
      },
      { role: FC_ROLE, asyncInvoke: { maxAsyncRetryAttempts: 2, onFailure: DEAD_LETTERS } },
    );
    const deadLetters: { requestPayload: string; requestContext: { approximateInvokeCount: number } }[] = [];
    emu.emulator.functions.register(DEAD_LETTERS, async (event) => void deadLetters.push(JSON.parse(event.toString())));

    // Act: a sweep with the crash, then the next sweep
    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    const first = (await emu.emulator.functions.settled()).filter((i) => i.name === WORKER);
    const afterFirst = await run(config(YAML), runtimeFor(emu), { dryRun: true });
    crashing = false;
    emu.emulator.functions.clearInvocations();
    await scheduledReconcile(timerBuffer('every-10-minutes'), fcContext('sg-pairing-scheduled-reconcile'));
    const second = (await emu.emulator.functions.settled()).filter((i) => i.name === WORKER);
    const afterSecond = await run(config(YAML), runtimeFor(emu), { dryRun: true });

    // Assess: shard 0 done at once; shard 1 run 3 times (1 + 2 retries), then dead-lettered with its payload
    expect(first.map((i) => [i.status, i.attempt ?? 1]).sort()).toEqual([
      ['failed', 1],
      ['failed', 2],
      ['failed', 3],
      ['succeeded', 1],
    ]);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].requestContext.approximateInvokeCount).toBe(3);
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
});
