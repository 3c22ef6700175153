// The fan-out tests' world: the seed scenario and example pairings, plus accounts enough for several shards.
import { exampleScenario } from './product';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_ACCOUNT_ID } from './identities';

export type Scenario = { accounts: Record<string, unknown>[]; vpcs: unknown[]; securityGroups: unknown[] };

/** The seed world plus the `extra` accounts, each with a VPC and two groups; the hub has FC's execution role. */
export function fanoutScenario(extra: readonly string[]): Scenario {
  const s = exampleScenario() as Scenario;
  (s.accounts.find((a) => a.id === HUB_ACCOUNT_ID) as { roles?: unknown[] }).roles = [
    { name: 'sg-pairing-fc', trust: [] },
  ];
  extra.forEach((id, n) => {
    s.accounts.push({ id, name: `${id}@aliyun.com`, roles: [{ name: 'sg-pairing', trust: [HUB_ACCOUNT_ID] }] });
    s.vpcs.push({ id: `vpc-${n}`, owner: id, cidr: `10.${n + 10}.0.0/16` });
    s.securityGroups.push(
      { id: `sg-x${n}a`, owner: id, vpc: `vpc-${n}`, type: 'normal' },
      { id: `sg-x${n}b`, owner: id, vpc: `vpc-${n}`, type: 'normal' },
    );
  });
  return s;
}

/** The example's two pairings plus one inside each extra account (inner-<n>, between its two groups). */
export function fanoutConfigYaml(extra: readonly string[]): string {
  return `version: 1
name: demo
region: cn-qingdao
roleName: sg-pairing
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}" }
${extra.map((id, n) => `  x${n}: { id: "${id}" }`).join('\n')}
pairings:
  - name: web-pair
    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]
  - name: app-db
    between: [{ account: a, securityGroup: sg-bp1azkttqpldxgte0001 }, { account: b, securityGroup: sg-bp15ed6xe1yxeycg0002 }]
${extra.map((_, n) => `  - name: inner-${n}\n    between: [{ account: x${n}, securityGroup: sg-x${n}a }, { account: x${n}, securityGroup: sg-x${n}b }]`).join('\n')}
`;
}
