import type { Instance, Rule, SecurityGroup, World } from '../../emulator';
import type { Creds } from './clients';

/**
 * Seeds an emulator's World directly (the way a scenario loader does), for integration tests that
 * then talk to it through the real SDK. Ids are given by the test so assertions can name them.
 */
export const REGION = 'cn-qingdao';

export class WorldBuilder {
  constructor(readonly world: World) {}

  /** An account with one long-lived key; returns the credentials to build a client with. */
  account(id: string, name = `${id}@example.com`): Creds {
    const creds = { accessKeyId: `AK${id}`, accessKeySecret: `secret-${id}` };
    this.world.accounts.set(id, {
      id,
      name,
      accessKeys: new Map([[creds.accessKeyId, creds.accessKeySecret]]),
      roles: new Map(),
    });
    return creds;
  }

  vpc(id: string, owner: string, cidr = '172.16.0.0/16', sharedWith: string[] = []): this {
    this.world.vpcs.set(id, { id, owner, region: REGION, cidr, secondaryCidrs: [], userCidrs: [], sharedWith });
    return this;
  }

  group(id: string, owner: string, vpcId: string, extra: Partial<SecurityGroup> = {}): this {
    this.world.groups.set(id, {
      id,
      owner,
      region: REGION,
      vpcId,
      type: 'normal',
      name: id,
      description: '',
      innerAccessPolicy: 'Accept',
      rules: [],
      creationTime: '2024-01-01T00:00:00Z',
      tags: {},
      ...extra,
    });
    return this;
  }

  /** A rule inserted as-is (visible at once unless `visibleAt` says otherwise). */
  rule(groupId: string, extra: Partial<Rule> = {}): Rule {
    const group = this.world.groups.get(groupId);
    if (!group) throw new Error(`no group ${groupId}`);
    const rule: Rule = {
      ruleId: `sgr-seed${group.rules.length}`,
      direction: 'ingress',
      ipProtocol: 'TCP',
      portRange: '22/22',
      sourceCidrIp: '10.0.0.1',
      sourceGroupId: '',
      sourceGroupOwnerId: '',
      destCidrIp: '',
      sourcePortRange: '',
      nicType: 'intranet',
      policy: 'Accept',
      priority: 1,
      description: '',
      createTime: '2024-01-01T00:00:00Z',
      visibleAt: 0,
      ...extra,
    };
    group.rules.push(rule);
    return rule;
  }

  /** `count` CIDR rules 10.1.x.y/32 on one group. */
  cidrRules(groupId: string, count: number): this {
    for (let n = 0; n < count; n += 1) this.rule(groupId, { sourceCidrIp: `10.1.${Math.floor(n / 250)}.${n % 250}` });
    return this;
  }

  instance(id: string, owner: string, vpcId: string, groupIds: string[], extra: Partial<Instance> = {}): this {
    this.world.instances.set(id, {
      id,
      owner,
      region: REGION,
      zoneId: `${REGION}-b`,
      vpcId,
      vSwitchId: 'vsw-1',
      privateIp: '',
      securityGroupIds: [...groupIds],
      tags: {},
      status: 'Running',
      name: id,
      creationTime: '2024-01-01T00:00Z',
      ...extra,
    });
    return this;
  }
}

/** Two accounts with one VPC each; the usual starting point of the ECS tests. */
export { ACCOUNT_A_ID, ACCOUNT_B_ID } from './identities';
