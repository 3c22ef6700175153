import { describe, expect, it } from 'vitest';
import type { VpcPort } from '../../shared/cloud/port';
import { FactReads, VPC_CACHE_MS, type VpcCache } from '../../shared/reconcile/fact-reads';
import { factKey } from '../../shared/rules';
import { accountA, instance } from './builders';

// The VPC blocks members' addresses are checked against: read with DescribeVpcs, remembered by a
// warm process for VPC_CACHE_MS (a removed secondary block stops admitting within that time).

const retry = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 };

function fakeVpcs(blocks: Record<string, string[]>): VpcPort & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    describeVpcs: async (ids) => {
      calls.push(ids);
      return ids.filter((id) => id in blocks).map((vpcId) => ({ vpcId, cidrBlocks: blocks[vpcId]! }));
    },
  };
}

function readsAt(cache: VpcCache, now: { t: number }): FactReads {
  const reads = new FactReads(retry, new Map(), cache, () => now.t);
  reads.instances[factKey(accountA, 'i-1')] = instance(accountA, 'i-1', '10.0.0.1', ['sg-1'], { vpcId: 'vpc-1' });
  reads.instances[factKey(accountA, 'i-2')] = instance(accountA, 'i-2', '10.9.0.1', ['sg-1'], { vpcId: 'vpc-gone' });
  reads.instances[factKey(accountA, 'i-3')] = instance(accountA, 'i-3', '10.0.0.3', ['sg-1'], { vpcId: '' });
  return reads;
}

describe('FactReads.readVpcs', () => {
  it('reads each VPC once, remembers what it found for VPC_CACHE_MS, never what it did not find', async () => {
    const vpc = fakeVpcs({ 'vpc-1': ['10.0.0.0/16', '100.64.0.0/16'] });
    const cache: VpcCache = new Map();
    const now = { t: 1_000_000 };

    const first = readsAt(cache, now);
    await first.readVpcs(vpc, accountA);
    expect(first.state().vpcs).toEqual({
      [factKey(accountA, 'vpc-1')]: { vpcId: 'vpc-1', cidrs: ['10.0.0.0/16', '100.64.0.0/16'] },
    });

    now.t += VPC_CACHE_MS - 1;
    await readsAt(cache, now).readVpcs(vpc, accountA);
    now.t += 1;
    await readsAt(cache, now).readVpcs(vpc, accountA);

    expect(vpc.calls).toEqual([['vpc-1', 'vpc-gone'], ['vpc-gone'], ['vpc-1', 'vpc-gone']]);
  });
});
