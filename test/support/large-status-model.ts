// A compliance model of many pairings for the page's render time, made through the real pure path
// (planPairings, buildReport, computeCompliance) from synthetic state: no cloud, milliseconds.
import { computeCompliance, type ComplianceModel } from '../../shared/compliance';
import type { GroupSide, NormalizedConfig, NormalizedPairing } from '../../shared/config';
import { planPairings, type ActualGroup, type ActualState } from '../../shared/plan';
import { buildReport } from '../../shared/reconcile';
import { factKey } from '../../shared/rules';

const ACCOUNTS = ['1111111111111111', '2222222222222222', '3333333333333333', '4444444444444444'];

/** `n` pairings between groups spread over four accounts of one shared VPC: most Missing, every 7th Blocked. */
export function largeStatusModel(n: number): ComplianceModel {
  const side = (i: number): GroupSide => {
    const accountId = ACCOUNTS[i % ACCOUNTS.length];
    return { kind: 'group', accountAlias: `acct${i % ACCOUNTS.length}`, accountId, securityGroupId: `sg-${i}` };
  };
  const groupCount = Math.max(4, Math.ceil(n / 2));
  const pairings: NormalizedPairing[] = Array.from({ length: n }, (_, i) => ({
    name: `pairing-${String(i).padStart(3, '0')}`,
    // every 7th names a group that does not exist: Blocked (GroupNotFound)
    sides: [side(i % groupCount), i % 7 === 3 ? side(groupCount + i) : side((i * 7 + 1) % groupCount)],
    protocol: 'tcp',
    ports: `${1000 + i}/${1000 + i}`,
    direction: 'both',
    priority: 1,
    region: 'cn-qingdao',
    strategy: 'group',
    prune: 'owned',
  }));
  const config: NormalizedConfig = {
    version: 1,
    name: 'large',
    region: 'cn-qingdao',
    roleName: 'sg-pairing',
    accounts: Object.fromEntries(
      ACCOUNTS.map((id, i) => [
        `acct${i}`,
        { alias: `acct${i}`, accountId: id, roleArn: `acs:ram::${id}:role/sg-pairing` },
      ]),
    ),
    pairings,
    prune: 'owned',
    maxChangesPerRun: 10_000,
    maxChangesPerRunTotal: 10_000,
  };
  const groups: Record<string, ActualGroup> = {};
  for (let i = 0; i < groupCount; i++) {
    const { accountId, securityGroupId } = side(i);
    groups[factKey(accountId, securityGroupId)] = {
      accountId,
      groupId: securityGroupId,
      vpcId: 'vpc-shared',
      type: 'normal',
      innerAccessPolicy: 'Accept',
      rules: [],
      ruleCount: i % 50,
      referencedGroupCount: 0,
    };
  }
  const actual: ActualState = { groups, instances: {}, accountFailures: [] };
  const plan = planPairings(config, actual);
  return computeCompliance({ config, report: buildReport('large-run', 'plan', plan, []), at: new Date(0), by: 'cli' });
}
