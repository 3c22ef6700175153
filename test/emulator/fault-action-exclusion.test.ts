// Issue 17: a fault spec's action `!X` matches every action but X, so the fleet bench can rate-limit ECS per
// account and STS's AssumeRole at its own quota (bench/fleet-scale.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../emulator';
import { ACCOUNT_A_CREDENTIALS, describeGroup, outcomes, startSeeded } from '../support/emulator-platform-fixture';

describe('emulator platform: a fault spec for every action but one', () => {
  let e: RunningEmulator;
  beforeEach(async () => {
    e = await startSeeded();
  });
  afterEach(() => e.close());

  const describeA = () => outcomes(1, 1, () => describeGroup(e.url, ACCOUNT_A_CREDENTIALS));

  it('spares the excluded action and hits every other', async () => {
    e.emulator.faults.set({ action: '!DescribeSecurityGroupAttribute', errorRate: 1 });
    const spared = await describeA();
    e.emulator.faults.clear();
    e.emulator.faults.set({ action: '!DescribeInstances', errorRate: 1 });
    const hit = await describeA();

    expect(spared.map((o) => o.code || 'ok')).toEqual(['ok']);
    expect(hit.map((o) => [o.code, o.statusCode])).toEqual([['ServiceUnavailable', 503]]);
  });
});
