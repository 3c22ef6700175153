// A converged example world whose pairing rules were then revoked through the real ECS SDK: the
// emulator's own RevokeSecurityGroup CloudEvents are what the instance-events function receives.
import * as $Ecs from '@alicloud/ecs20140526';
import type { CloudEvent } from '../../emulator';
import { ecsClient } from './clients';
import type { RunningEmulator } from './emulator-access';
import { exampleConfig, run, runtimeFor } from './product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_CREDENTIALS } from './identities';

/** The example pairings' receiving groups (both directions of both pairings). */
export const PAIRED_GROUPS = ['sg-a1', 'sg-a2', 'sg-bp15ed6xe1yxeycg0002', 'sg-bp1azkttqpldxgte0001'] as const;

/**
 * Converges the example pairings, then revokes every rule sg-pairing added, each group by its own
 * account's key. Returns the RevokeSecurityGroup events (one per group); calls and events are cleared.
 */
export async function convergeThenRevoke(emu: RunningEmulator): Promise<CloudEvent[]> {
  await run(exampleConfig(), runtimeFor(emu));
  emu.emulator.events.clear();
  for (const groupId of PAIRED_GROUPS) {
    const group = emu.emulator.world.groups.get(groupId)!;
    const ruleIds = group.rules.filter((r) => r.description.startsWith('sg-pairing:')).map((r) => r.ruleId);
    await ecsClient(emu.url, ACCOUNT_CREDENTIALS[group.owner]).revokeSecurityGroup(
      new $Ecs.RevokeSecurityGroupRequest({
        regionId: 'cn-qingdao',
        securityGroupId: groupId,
        securityGroupRuleId: ruleIds,
      }),
    );
  }
  const events = emu.emulator.events.ofType('ecs:ActionTrail:ApiCall');
  emu.emulator.calls.clear();
  emu.emulator.events.clear();
  return events;
}

/** Every ingress rule of the paired groups as `group <- source (description)`, sorted: duplicates show twice. */
export function pairedRules(emu: RunningEmulator): string[] {
  return PAIRED_GROUPS.flatMap((g) =>
    emu.emulator.world.groups
      .get(g)!
      .rules.filter((r) => r.direction === 'ingress')
      .map(
        (r) =>
          `${g} <- ${r.ipProtocol} ${r.portRange} ${r.sourceCidrIp || `${r.sourceGroupId}@${r.sourceGroupOwnerId}`} (${r.description})`,
      ),
  ).sort();
}

/** What the example pairings declare, in pairedRules' form. */
export const DECLARED_RULES = [
  'sg-a1 <- ALL -1/-1 10.0.0.2/32 (sg-pairing:demo:web-pair)',
  'sg-a2 <- ALL -1/-1 10.0.0.1/32 (sg-pairing:demo:web-pair)',
  `sg-bp15ed6xe1yxeycg0002 <- ALL -1/-1 sg-bp1azkttqpldxgte0001@${ACCOUNT_A_ID} (sg-pairing:demo:app-db)`,
  `sg-bp1azkttqpldxgte0001 <- ALL -1/-1 sg-bp15ed6xe1yxeycg0002@${ACCOUNT_B_ID} (sg-pairing:demo:app-db)`,
];

/** AssumeRole calls answered 200, by caller key and role: `{ "<key> <roleArn>": n }`. */
export function assumeRolesByCaller(emu: RunningEmulator): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of emu.emulator.calls.records.filter((r) => r.action === 'AssumeRole' && r.status === 200)) {
    const key = `${c.accessKeyId} ${c.params.RoleArn}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
