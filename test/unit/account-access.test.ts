import { describe, expect, it } from 'vitest';
import { AccountSessions } from '../../shared/cloud/account-sessions';
import type { AssistantPort, CloudPort, EcsPort } from '../../shared/cloud/port';
import { cloudAccess } from '../../shared/explain';
import { exampleConfig } from '../support/product';

const A = '1111111111111111';

/** A cloud whose every ECS and Cloud Assistant call waits until released: counts what is in flight. */
function heldCloud() {
  const held: (() => void)[] = [];
  let inFlight = 0;
  const hold = <T>(value: T) =>
    new Promise<T>((resolve) => {
      inFlight += 1;
      held.push(() => {
        inFlight -= 1;
        resolve(value);
      });
    });
  const ecs = { describeInstances: () => hold([]) } as unknown as EcsPort;
  const assistant = { describeInvocationResults: () => hold([]) } as unknown as AssistantPort;
  const cloud: CloudPort = {
    assumeRole: async () => ({
      account: A,
      accessKeyId: 'k',
      accessKeySecret: 's',
      securityToken: 't',
      expiresAt: Date.now() + 3_600_000,
    }),
    ecs: () => ecs,
    assistant: () => assistant,
    vpc: () => ({ describeVpcs: () => hold([]) }),
  };
  return { cloud, inFlight: () => inFlight, releaseAll: () => held.splice(0).forEach((release) => release()) };
}

/** Lets every pending promise callback and timer of this turn run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('cloudAccess (explain, verify): the accounts as reconcile reaches them', () => {
  it('paces an account: at most 12 calls in flight at first, ECS and Cloud Assistant together, the rest wait their turn', async () => {
    // Prepare
    const held = heldCloud();
    const access = cloudAccess(exampleConfig(), { sessions: new AccountSessions(held.cloud, () => 'test') });
    const [ecs, assistant] = await Promise.all([access.ecsFor(A), access.assistantFor(A)]);

    // Act: 20 calls at once
    const calls = [
      ...Array.from({ length: 10 }, () => ecs.describeInstances(['i-a1'])),
      ...Array.from({ length: 10 }, () => assistant.describeInvocationResults('t-1')),
    ];
    await settle();

    // Assess: the pacer's initial window, then everything once released
    expect(held.inFlight()).toBe(12);
    for (let round = 0; round < 5 && held.inFlight() > 0; round++) {
      held.releaseAll();
      await settle();
    }
    expect((await Promise.all(calls)).length).toBe(20);
  });

  it('refuses an account the config does not declare: UnknownAccount, terminal', async () => {
    const access = cloudAccess(exampleConfig(), { sessions: new AccountSessions(heldCloud().cloud, () => 'test') });

    await expect(access.ecsFor('9999999999999999')).rejects.toMatchObject({ code: 'UnknownAccount', retryable: false });
  });
});
