import pLimit from 'p-limit';
import type { EcsPort } from '../shared/cloud/port';
import { toPermission } from '../shared/apply/to-permission';
import type { NormalizedConfig } from '../shared/config';
import type { Plan } from '../shared/plan';
import type { Runtime } from '../shared/function-host';

/**
 * The per-rule way, as Terraform's `alicloud_security_group_rule` does it: each instance looked up on
 * its own, then per rule one AuthorizeSecurityGroup carrying that rule and one
 * DescribeSecurityGroupAttribute to read it back; parallelism 10 (Terraform's default).
 */
export async function applyPerRule(config: NormalizedConfig, plan: Plan, runtime: Runtime): Promise<void> {
  const roles = new Map(Object.values(config.accounts).map((a) => [a.accountId, a]));
  const ecsFor = (accountId: string): Promise<EcsPort> => {
    const r = roles.get(accountId)!;
    return runtime.sessions.ecs({ accountId, roleArn: r.roleArn, externalId: r.externalId });
  };
  const limit = pLimit(10);
  const lookups = config.pairings.flatMap((p) =>
    p.sides
      .filter((s) => s.kind === 'instance')
      .map((s) => ({ accountId: s.accountId, id: (s as { instanceId: string }).instanceId })),
  );
  await Promise.all(lookups.map((l) => limit(async () => (await ecsFor(l.accountId)).describeInstances([l.id]))));
  const rules = plan.groups.flatMap((g) =>
    g.add.map((a) => ({ accountId: g.accountId, groupId: g.groupId, rule: a.rule })),
  );
  await Promise.all(
    rules.map((r, i) =>
      limit(async () => {
        const ecs = await ecsFor(r.accountId);
        await ecs.authorizeIngress(r.groupId, [toPermission(r.rule)], `baseline-${i}`);
        await ecs.readGroupAttributes(r.groupId);
      }),
    ),
  );
}
