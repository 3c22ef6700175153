import type { CanonicalRule } from './canonical-rule';

/**
 * The order a security group evaluates its rules in: priority 1 first; drop before accept at equal priority;
 * then by group and rule id, for a stable answer (ingress and egress alike).
 */
export function inEvaluationOrder(a: { rule: CanonicalRule }, b: { rule: CanonicalRule }): number {
  const policy = (c: { rule: CanonicalRule }) => (c.rule.policy === 'drop' ? 0 : 1);
  const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return (
    a.rule.priority - b.rule.priority ||
    policy(a) - policy(b) ||
    text(a.rule.groupId, b.rule.groupId) ||
    text(a.rule.ruleId ?? '', b.rule.ruleId ?? '')
  );
}
