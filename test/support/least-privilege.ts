// The generated RAM documents (shared/iam) loaded into the emulator's scenario as role policies.
import * as $Sts from '@alicloud/sts20150401';
import { stsClient, type Creds } from './clients';
import type { RunningEmulator } from './emulator-access';
import { exampleScenario } from './product';
import type { IamPlan, PolicyDocument } from '../../shared/iam';
import { HUB_ACCOUNT_ID, ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_CREDENTIALS } from './identities';

/** The hub functions' execution role; its sessions are the product's base identity in these tests. */
export const HUB_ROLE_ARN = `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-hub`;
/** A role in account a that trusts the hub but is not declared in the config. */
export const UNDECLARED_ROLE_ARN = `acs:ram::${ACCOUNT_A_ID}:role/undeclared`;
/** A group of account b that no pairing names. */
export const UNDECLARED_GROUP = 'sg-b-undeclared';
/** A rule sg-pairing added to sg-a1 for an address web-pair no longer has: pruning revokes it. */
export const STALE_OWNED_RULE = {
  ipProtocol: 'ALL',
  portRange: '-1/-1',
  sourceCidrIp: '10.0.0.9/32',
  description: 'sg-pairing:demo:web-pair',
};

type ScenarioDoc = { accounts: { id: string; roles?: unknown[] }[]; securityGroups: Record<string, unknown>[] };

export interface ScenarioOptions {
  /** seed STALE_OWNED_RULE in sg-a1, so a reconcile prunes (RevokeSecurityGroup) */
  staleOwnedRule?: boolean;
}

/**
 * The example world with the plan's permission policies on the roles: the hub role (FC's execution
 * role) carries the hub policy, each declared account's role its own; plus an undeclared role and
 * an undeclared group for the negative cases. Trust stays account-level (the emulator's model).
 */
export function scenarioWithPolicies(plan: IamPlan, options: ScenarioOptions = {}): unknown {
  const s = exampleScenario() as ScenarioDoc;
  const account = (id: string) => s.accounts.find((a) => a.id === id)!;
  account(HUB_ACCOUNT_ID).roles = [
    { name: 'sg-pairing-hub', trust: [HUB_ACCOUNT_ID], policy: plan.hub.permissionPolicy },
  ];
  for (const a of plan.accounts) {
    const name = a.roleArn.slice(a.roleArn.lastIndexOf('/') + 1);
    account(a.accountId).roles = [{ name, trust: [HUB_ACCOUNT_ID], policy: a.permissionPolicy }];
  }
  account(ACCOUNT_A_ID).roles!.push({ name: 'undeclared', trust: [HUB_ACCOUNT_ID] });
  s.securityGroups.push({ id: UNDECLARED_GROUP, owner: ACCOUNT_B_ID, vpc: 'vpc-a', type: 'normal' });
  if (options.staleOwnedRule) s.securityGroups.find((g) => g.id === 'sg-a1')!.rules = [STALE_OWNED_RULE];
  return s;
}

/** A copy of the plan with one statement of one document removed (`hub` or an account alias). */
export function withoutStatement(plan: IamPlan, doc: string, index: number): IamPlan {
  const drop = (p: PolicyDocument): PolicyDocument => ({ ...p, Statement: p.Statement.filter((_, i) => i !== index) });
  return {
    ...plan,
    hub: doc === 'hub' ? { ...plan.hub, permissionPolicy: drop(plan.hub.permissionPolicy) } : plan.hub,
    accounts: plan.accounts.map((a) => (a.alias === doc ? { ...a, permissionPolicy: drop(a.permissionPolicy) } : a)),
  };
}

/** A copy of the plan with one action taken out of every statement of one document. */
export function withoutAction(plan: IamPlan, doc: string, action: string): IamPlan {
  const drop = (p: PolicyDocument): PolicyDocument => ({
    ...p,
    Statement: p.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== action) })).filter(
      (s) => s.Action.length > 0,
    ),
  });
  return {
    ...plan,
    accounts: plan.accounts.map((a) => (a.alias === doc ? { ...a, permissionPolicy: drop(a.permissionPolicy) } : a)),
  };
}

/** A session of the hub role, assumed with the hub's own key: what FC hands the functions. */
export async function hubSession(emu: RunningEmulator): Promise<Required<Creds>> {
  const r = await stsClient(emu.url, HUB_CREDENTIALS).assumeRole(
    new $Sts.AssumeRoleRequest({ roleArn: HUB_ROLE_ARN, roleSessionName: 'fc-sg-pairing' }),
  );
  const c = r.body!.credentials!;
  return { accessKeyId: c.accessKeyId!, accessKeySecret: c.accessKeySecret!, securityToken: c.securityToken! };
}
