// The world of the compliance-view tests: the example scenario with account b's role no longer
// trusting the hub (its pairings fail AssumeRole), and a config with one pairing in each state.
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from './identities';

/** Every API action that changes the cloud: a status (a dry run) calls none. */
export const WRITE_ACTIONS = new Set([
  'AuthorizeSecurityGroup',
  'RevokeSecurityGroup',
  'ModifySecurityGroupRule',
  'TagResources',
  'UntagResources',
  'InvokeCommand',
]);

/** The example scenario with b's sg-pairing role trusting no one the product signs as. */
export function statusWorld(scenario: unknown): unknown {
  const world = structuredClone(scenario) as { accounts: { id: string; roles?: { trust: string[] }[] }[] };
  for (const account of world.accounts)
    if (account.id === ACCOUNT_B_ID) for (const role of account.roles ?? []) role.trust = ['1999999999999999'];
  return world;
}

const PAIRINGS: Record<string, string> = {
  'web-pair': '  - { name: web-pair, between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }] }',
  'app-db':
    '  - { name: app-db, between: [{ account: a, securityGroup: sg-bp1azkttqpldxgte0001 }, { account: b, securityGroup: sg-bp15ed6xe1yxeycg0002 }] }',
  'app-web':
    '  - { name: app-web, between: [{ account: a, securityGroup: sg-bp1azkttqpldxgte0001 }, { account: a, instance: i-a1 }] }',
  'ghost-pair':
    '  - { name: ghost-pair, between: [{ account: a, instance: i-ghost }, { account: a, instance: i-a1 }] }',
};

/** web-pair in sync (once applied), app-db Failed (b denied), app-web Missing, ghost-pair Blocked. */
export function statusYaml(names: readonly string[] = Object.keys(PAIRINGS)): string {
  return `version: 1
name: demo
region: cn-qingdao
accounts: { a: { id: "${ACCOUNT_A_ID}" }, b: { id: "${ACCOUNT_B_ID}" } }
pairings:
${names.map((n) => PAIRINGS[n]).join('\n')}
`;
}
