import type { IamPlan } from './compute-iam-plan';

/** The human form: each document under a heading, warnings first. */
export function formatIamPlan(plan: IamPlan): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const lines: string[] = [`RAM policies for deployment "${plan.deployment}" (region ${plan.region})`];
  for (const w of plan.warnings) lines.push(`warning [${w.code}]: ${w.message}`);
  lines.push(
    '',
    `== Hub: the functions' execution role ${plan.hub.roleArn}${plan.hub.placeholder ? '   <-- PLACEHOLDER, replace it' : ''} ==`,
  );
  lines.push('-- trust policy (Function Compute assumes it) --', json(plan.hub.trustPolicy));
  lines.push(
    `-- permission policy (assume each account's role; invoke ${plan.hub.workerFunction}; dead letters; logs) --`,
    json(plan.hub.permissionPolicy),
  );
  for (const a of plan.accounts) {
    lines.push('', `== Account ${a.alias} (${a.accountId}): role ${a.roleArn} ==`);
    for (const w of plan.warnings.filter((x) => x.account === a.alias)) lines.push(`note: ${w.message}`);
    lines.push(
      `-- trust policy (the hub role may assume it${a.externalId === undefined ? '' : ', with the ExternalId'}) --`,
      json(a.trustPolicy),
    );
    lines.push('-- permission policy (least privilege) --', json(a.permissionPolicy));
  }
  const member = plan.fleetMember;
  if (member !== undefined) {
    lines.push('', `== Every discovered member of the Resource Directory: role ${member.roleName} ==`);
    lines.push(
      `-- trust policy (the hub role may assume it${member.externalId === undefined ? '' : ', with the ExternalId'}) --`,
      json(member.trustPolicy),
    );
    lines.push(
      '-- permission policy (one for every member: its ARNs name account *) --',
      json(member.permissionPolicy),
    );
  }
  for (const c of plan.verifyCommands) {
    lines.push('', `== Verify command in account ${c.alias} (${c.accountId}), ${c.region}: ${c.name} ==`);
    if (c.commandId !== undefined) lines.push(`declared: verifyCommandId ${c.commandId}`);
    else
      lines.push(
        "-- create it once with the account admin's credentials (ecs:CreateCommand), then set its CommandId as",
        `   accounts.${c.alias}.verifyCommandId --`,
        c.createWith,
      );
  }
  return lines.join('\n');
}
