import { dropRuleBlocks, factKey, peerKey, ruleKey, type CanonicalRule } from '../rules';
import type { ActualState } from './actual-state';
import type { PlanWarning } from './plan-schema';

/**
 * One warning per existing drop rule that would block (some of) the traffic of a wanted rule:
 * drop wins at equal priority, and a smaller number is a higher priority. Status is not changed.
 */
export function dropRuleWarnings(wanted: readonly CanonicalRule[], groups: ActualState['groups']): PlanWarning[] {
  const found = new Map<string, PlanWarning>();
  for (const rule of wanted) {
    const group = groups[factKey(rule.accountId, rule.groupId)];
    // rules in ruleId order, so the warning names the same rule whatever order Describe gave
    const rules = [...(group?.rules ?? [])].sort((a, b) =>
      (a.ruleId ?? '') < (b.ruleId ?? '') ? -1 : (a.ruleId ?? '') > (b.ruleId ?? '') ? 1 : 0,
    );
    for (const drop of rules) {
      if (!dropRuleBlocks(drop, rule)) continue;
      const key = ruleKey(drop);
      if (found.has(key)) continue;
      found.set(key, {
        code: 'ShadowedByDropRule',
        message: `drop rule in ${rule.groupId} (${drop.protocol} ${drop.ports} from ${peerKey(drop.peer)}, priority ${drop.priority}) blocks traffic this pairing allows at priority ${rule.priority}`,
        accountId: rule.accountId,
        groupId: rule.groupId,
        ...(drop.ruleId === undefined ? {} : { ruleId: drop.ruleId }),
      });
    }
  }
  return [...found.values()];
}
