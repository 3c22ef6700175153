// The configs the bootstrap template checks run on: the example, one with an ExternalId and an
// explicit roleArn, and a 40-account one generated here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { computeBootstrap, resolveTemplate, type RosTemplate } from '../../shared/bootstrap';
import { parseConfigText, type NormalizedConfig } from '../../shared/config';
import type { PolicyDocument } from '../../shared/iam';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_C_ID, HUB_ACCOUNT_ID } from './identities';

const root = resolve(__dirname, '..', '..');

export function configOf(text: string, name = 'pairings.yaml'): NormalizedConfig {
  const result = parseConfigText(text, name);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.config;
}

export const exampleText = () => readFileSync(join(root, 'examples', 'pairings.yaml'), 'utf8');

export const mixedText = `version: 1
name: mixed
region: cn-hangzhou
roleName: sg-pairing
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}", externalId: "ext-123" }
  c: { id: "${ACCOUNT_C_ID}", roleArn: "acs:ram::${ACCOUNT_C_ID}:role/custom" }
pairings:
  - name: groups
    between: [{ account: a, securityGroup: sg-a }, { account: b, securityGroup: sg-b }]
  - name: to-instance
    direction: first-to-second
    verify: true
    between: [{ account: b, instance: i-b9 }, { account: c, instance: i-c2 }]
`;

/** 40 member accounts in a ring of group pairings (each account's group paired with the next one's). */
export function fortyAccountsText(): string {
  const ids = Array.from({ length: 40 }, (_, i) => String(4000000000000000 + i));
  const accounts = ids.map((id, i) => `  m${i}: { id: "${id}"${i % 3 === 0 ? `, externalId: "ext-${i}"` : ''} }`);
  const pairings = ids.map(
    (_, i) =>
      `  - name: ring-${i}\n    between: [{ account: m${i}, securityGroup: sg-m${i} }, { account: m${(i + 1) % 40}, securityGroup: sg-m${(i + 1) % 40} }]`,
  );
  return `version: 1\nname: fleet\nregion: cn-shanghai\nroleName: sg-pairing\naccounts:\n${accounts.join('\n')}\npairings:\n${pairings.join('\n')}\n`;
}

/** The bootstrap of a config with the test hub, its templates read back from the YAML text written. */
export function bootstrapOf(config: NormalizedConfig, logProject?: string) {
  const b = computeBootstrap(config, { hubAccountId: HUB_ACCOUNT_ID, ...(logProject ? { logProject } : {}) });
  return {
    ...b,
    memberText: parse(b.files['member.ros.yaml']!) as RosTemplate,
    hubText: parse(b.files['hub.ros.yaml']!) as RosTemplate,
  };
}

/** The role and policy member.ros.yaml creates in one account (resolved for it). */
export function memberDocuments(member: RosTemplate, accountId: string, region: string) {
  const resources = resolveTemplate(member, { accountId, region });
  const role = resources.find((r) => r.type === 'ALIYUN::RAM::Role')!;
  const policy = resources.find((r) => r.type === 'ALIYUN::RAM::ManagedPolicy')!;
  return {
    resources,
    roleName: role.properties.RoleName as string,
    trustPolicy: role.properties.AssumeRolePolicyDocument as PolicyDocument,
    permissionPolicy: policy.properties.PolicyDocument as PolicyDocument,
    attachedTo: policy.properties.Roles as string[],
  };
}
