import { describe, expect, it } from 'vitest';
import { applyGroupChanges, type GroupChanges } from '../../shared/apply/apply-group-changes';
import { isRuleIdGone, RULE_ID_GONE_CODES, ruleIdsStillPresent } from '../../shared/apply/rule-ids-gone';
import { fromSdkError } from '../../shared/cloud/adapters/sdk-errors';
import type { EcsPort, RawPermission } from '../../shared/cloud/port';
import { withRetry } from '../../shared/cloud/retry';
import { silentLogger } from '../../shared/log';
import { accountA, rule } from './builders';

// A revoke by rule ids refused because some ids are gone: which answers mean that, which ids are
// still there, and the bound on what apply does about it (one re-read, one resend).

const retry = { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0, sleep: async () => {} };
const sdkRefusal = (code: string, statusCode: number) =>
  fromSdkError(Object.assign(new Error(code), { code, statusCode, data: { Message: code } }), {
    operation: 'RevokeSecurityGroup',
    account: accountA,
    group: 'sg-1',
  });
const raw = (id: string, direction = 'ingress'): RawPermission => ({
  SecurityGroupRuleId: id,
  Direction: direction,
  IpProtocol: 'ALL',
  PortRange: '-1/-1',
  SourceCidrIp: '10.0.0.1/32',
  Ipv6SourceCidrIp: '',
  SourcePrefixListId: '',
  SourceGroupId: '',
  SourceGroupOwnerAccount: '',
  SourcePortRange: '',
  DestCidrIp: '',
  NicType: 'intranet',
  Policy: 'Accept',
  Priority: '1',
  Description: 'sg-pairing:demo:p',
});

describe('ruleIdsStillPresent', () => {
  it('keeps the given ids that are still ingress rules, in the order given', () => {
    const read = [raw('sgr-3'), raw('sgr-1', 'Ingress'), raw('sgr-2', 'egress'), raw('sgr-9')];
    expect(ruleIdsStillPresent(['sgr-1', 'sgr-2', 'sgr-3', 'sgr-4'], read)).toEqual(['sgr-1', 'sgr-3']);
    expect(ruleIdsStillPresent(['sgr-1'], [])).toEqual([]);
  });
});

describe('the "rule id gone" answers', () => {
  it.each([...RULE_ID_GONE_CODES].map((code) => [code, code.endsWith('NotFound') ? 404 : 400] as const))(
    '%s (%i) is recognised, not retryable, and sent once by withRetry',
    async (code, status) => {
      const e = sdkRefusal(code, status);
      let calls = 0;
      const write = () => {
        calls += 1;
        return Promise.reject(e);
      };

      await expect(withRetry(write, retry)).rejects.toBe(e);

      expect([isRuleIdGone(e), e.retryable, calls]).toEqual([true, false, 1]);
    },
  );

  it('other refusals are not taken for it', () => {
    for (const [code, status] of [
      ['InvalidParam.Permissions', 400],
      ['InvalidParam.SecurityGroupRuleIdRepeated', 400],
      ['InvalidSecurityGroupId.NotFound', 404],
      ['Throttling.User', 400],
    ] as const)
      expect(isRuleIdGone(sdkRefusal(code, status))).toBe(false);
    expect(isRuleIdGone(new Error('InvalidParam.SecurityGroupRuleId'))).toBe(false);
  });
});

describe('applyGroupChanges, a revoke by ids refused for ids gone', () => {
  const change = (id: string) => ({
    pairing: 'p',
    rule: rule({
      groupId: 'sg-1',
      accountId: accountA,
      peer: { kind: 'cidr', cidr: `10.0.0.${id.slice(4)}/32` },
      ruleId: id,
    }),
  });
  const group: GroupChanges = {
    accountId: accountA,
    groupId: 'sg-1',
    add: [],
    revoke: ['sgr-1', 'sgr-2', 'sgr-3'].map(change),
  };

  /** A port whose revokes are refused `refusals` times; reads answer `present`. */
  function port(present: string[], refusals: number, calls: string[]): EcsPort {
    return {
      readGroupAttributes: async (groupId: string) => {
        calls.push('read');
        return { groupId, vpcId: 'vpc-1', innerAccessPolicy: 'Accept', permissions: present.map((id) => raw(id)) };
      },
      revokeIngressRules: async (_g: string, ids: string[]) => {
        calls.push(`revoke ${ids.join(',')}`);
        if (refusals-- > 0) throw sdkRefusal('InvalidParam.SecurityGroupRuleId', 400);
      },
    } as Partial<EcsPort> as EcsPort;
  }
  const apply = (ecs: EcsPort) =>
    applyGroupChanges([group], { ecsFor: async () => ecs, runId: 'run-1', retry, log: silentLogger });

  it('reads the group once and resends only the ids still there: every change applied', async () => {
    const calls: string[] = [];
    const out = await apply(port(['sgr-1', 'sgr-3'], 1, calls));
    expect(calls).toEqual(['revoke sgr-1,sgr-2,sgr-3', 'read', 'revoke sgr-1,sgr-3']);
    expect(out.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('sends nothing more when none is left', async () => {
    const calls: string[] = [];
    const out = await apply(port([], 1, calls));
    expect(calls).toEqual(['revoke sgr-1,sgr-2,sgr-3', 'read']);
    expect(out.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('a second refusal is the batch failure: one re-read, one resend, no loop', async () => {
    const calls: string[] = [];
    const out = await apply(port(['sgr-1', 'sgr-3'], 5, calls));
    expect(calls).toEqual(['revoke sgr-1,sgr-2,sgr-3', 'read', 'revoke sgr-1,sgr-3']);
    expect(out.map((r) => [r.status, r.code, r.retryable])).toEqual(
      Array(3).fill(['failed', 'InvalidParam.SecurityGroupRuleId', false]),
    );
  });
});
