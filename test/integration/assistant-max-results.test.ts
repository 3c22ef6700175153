import { describe, expect, it } from 'vitest';
import { ACCOUNT_A_ID } from '../support/identities';
import { exampleConfig, exampleScenario, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';
import { WorldBuilder } from '../support/world-builder';

const cloud = useEmulator({ scenario: exampleScenario() });

describe("the product's Cloud Assistant reads (issue 12, item 7)", () => {
  it('runs one command on 60 instances and reads every result by MaxResults/NextToken, never the deprecated PageSize', async () => {
    // Prepare: 60 running instances of account a (InvokeCommand takes up to 100), results finished at once
    const ids = Array.from({ length: 60 }, (_, i) => `i-many-${String(i).padStart(2, '0')}`);
    const world = new WorldBuilder(cloud.world);
    for (const id of ids) world.instance(id, ACCOUNT_A_ID, 'vpc-a', ['sg-a1']);
    cloud.world.invocationRunningPolls = 0;
    const assistant = await runtimeFor(cloud.emulator).cloudAccess(exampleConfig()).assistantFor(ACCOUNT_A_ID);

    // Act
    const { commandId } = await assistant.createCommand({
      name: 'many',
      description: '',
      script: 'true',
      timeoutSeconds: 60,
    });
    const { invokeId } = await assistant.invokeCommand(commandId, ids, {}, 60);
    const results = await assistant.describeInvocationResults(invokeId);

    // Assess: all 60, in pages of at most 50
    expect(results.map((r) => r.instanceId).sort()).toEqual(ids);
    const reads = cloud.calls.records.filter((c) => c.action === 'DescribeInvocationResults');
    expect(reads.map((c) => [c.params.MaxResults, c.params.PageSize])).toEqual([
      ['50', undefined],
      ['50', undefined],
    ]);
    expect(reads[1].params.NextToken).toMatch(/.+/);
  });
});
