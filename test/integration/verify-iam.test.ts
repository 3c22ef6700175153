import { describe, expect, it } from 'vitest';
import { computeIamPlan, type IamPlan } from '../../shared/iam';
import { config } from '../support/product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';

const HUB_ROLE = 'acs:ram::9999999999999999:role/sg-pairing-hub';
const yaml = (verify: string) => `version: 1
name: v
region: cn-hangzhou
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}" }
pairings:
  - name: web
    between: [{ account: a, instance: i-a1, securityGroup: sg-a1 }, { account: b, instance: i-b1, securityGroup: sg-b1 }]
${verify}
  - name: one-way
    direction: first-to-second
    between: [{ account: a, securityGroup: sg-a9 }, { account: b, instance: i-b2, securityGroup: sg-b2 }]
${verify}
`;

const statementsOf = (plan: IamPlan, alias: string) =>
  plan.accounts.find((a) => a.alias === alias)!.permissionPolicy.Statement;
const granting = (plan: IamPlan, alias: string, action: string) =>
  statementsOf(plan, alias).filter((s) => s.Action.includes(action));

describe('iam: Cloud Assistant grants follow the verify opt-in', () => {
  it('grants no Cloud Assistant action while no pairing has verify: true', () => {
    const plan = computeIamPlan(config(yaml('')), { hubRoleArn: HUB_ROLE });
    const actions = plan.accounts.flatMap((a) => a.permissionPolicy.Statement.flatMap((s) => s.Action));
    expect(actions).not.toContain('ecs:RunCommand');
    expect(actions).not.toContain('ecs:InvokeCommand');
    expect(actions).not.toContain('ecs:DescribeInvocationResults');
    expect(plan.warnings.map((w) => w.code)).not.toContain('VerifyRuntimeInstance');
    expect(plan.verifyCommands).toEqual([]);
  });

  it('with verify: true, grants InvokeCommand on the verify command and the sending instances only; a group side is any instance, with a warning', () => {
    const plan = computeIamPlan(config(yaml('    verify: true')), { hubRoleArn: HUB_ROLE });

    // a sends in both pairings: its instance of `web`, and a member of sg-a9 picked at run time
    expect(granting(plan, 'a', 'ecs:InvokeCommand')).toEqual([
      {
        Effect: 'Allow',
        Action: ['ecs:DescribeInvocationResults', 'ecs:InvokeCommand'],
        Resource: [
          `acs:ecs:cn-hangzhou:${ACCOUNT_A_ID}:command/<verify-command-id>`,
          `acs:ecs:cn-hangzhou:${ACCOUNT_A_ID}:instance/*`,
        ],
      },
    ]);
    // b sends only in `web` (one-way's second side only receives): exactly i-b1
    expect(granting(plan, 'b', 'ecs:InvokeCommand')).toEqual([
      {
        Effect: 'Allow',
        Action: ['ecs:DescribeInvocationResults', 'ecs:InvokeCommand'],
        Resource: [
          `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:command/<verify-command-id>`,
          `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:instance/i-b1`,
        ],
      },
    ]);
    expect(plan.warnings).toContainEqual({
      code: 'VerifyRuntimeInstance',
      account: 'a',
      message: expect.stringContaining(
        `group sg-a9, picked at run time: ecs:InvokeCommand in account a is scoped to acs:ecs:cn-hangzhou:${ACCOUNT_A_ID}:instance/*`,
      ),
    });
  });

  it('with verify: true, the diagnosis may read every group of a receiving account (read only); writes stay scoped', () => {
    const plan = computeIamPlan(config(yaml('    verify: true')), { hubRoleArn: HUB_ROLE });
    expect(granting(plan, 'b', 'ecs:DescribeSecurityGroupAttribute')).toEqual([
      {
        Effect: 'Allow',
        Action: ['ecs:DescribeSecurityGroupAttribute'],
        Resource: [`acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/*`],
      },
    ]);
    expect(granting(plan, 'b', 'ecs:AuthorizeSecurityGroup')[0].Resource).toEqual([
      `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b1`,
      `acs:ecs:cn-hangzhou:${ACCOUNT_B_ID}:securitygroup/sg-b2`,
    ]);
    expect(plan.warnings).toContainEqual(expect.objectContaining({ code: 'VerifyReadsAllGroups', account: 'b' }));
  });
});
