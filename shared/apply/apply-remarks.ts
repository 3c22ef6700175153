import { withRetry } from '../cloud/retry';
import { toSgPairingError } from '../errors';
import type { PlanRecord } from '../plan';
import type { RecordDeps, RecordOutcome } from './apply-record';
import { clientToken } from './client-token';

/**
 * The migration's writes (docs/configuration.md "Deployment identity"): each kept rule's legacy marker
 * rewritten with the deployment id, in place, by ModifySecurityGroupRule on its SecurityGroupRuleId: the
 * rule is never revoked nor re-added, so traffic never notices. Run beside the rule writes, like the
 * record's tags. A refused call (RAM, throttling past the retries) costs only the rewrite: the rule keeps
 * its legacy marker, still owned where the record says so, and the next run tries again. A rule gone
 * meanwhile (an overlapping run revoked it) needs no rewrite.
 */
export async function remarkLegacyRules(
  record: PlanRecord | undefined,
  deps: RecordDeps & { runId: string },
): Promise<RecordOutcome> {
  const out: RecordOutcome = { tagged: [], untagged: [], warnings: [], remarked: [] };
  await Promise.all(
    (record?.remark ?? []).map(async (r) => {
      const log = deps.log.child({ account: r.accountId, group: r.groupId });
      try {
        const ecs = await deps.ecsFor(r.accountId);
        const token = clientToken(deps.runId, 'ModifySecurityGroupRule', r.groupId, [r.ruleId, r.to]);
        await withRetry(() => ecs.setRuleDescription(r.groupId, r.ruleId, r.to, token), deps.retry);
        out.remarked?.push(`${r.accountId}/${r.groupId}/${r.ruleId}`);
        log.info('record-remark', { result: 'applied', ruleId: r.ruleId, description: r.to });
      } catch (err) {
        const e = toSgPairingError(err, { account: r.accountId, group: r.groupId });
        if (e.code === 'InvalidParam.SecurityGroupRuleId') return;
        log.warn('record-remark', { result: 'failed', ruleId: r.ruleId, code: e.code, message: e.message });
        out.warnings.push({
          code: 'RemarkFailed',
          message: `rule ${r.ruleId} of group ${r.groupId} keeps its legacy marker ${r.from} (still this deployment's where the record says so): ${e.code}: ${e.message}; the next run tries again`,
          accountId: r.accountId,
          groupId: r.groupId,
          ruleId: r.ruleId,
        });
      }
    }),
  );
  out.remarked?.sort();
  return out;
}
