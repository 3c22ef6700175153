import type { Rule, World } from '../models/world';
import type { Scenario } from './scenario-schema';

type SecurityGroup = Scenario['securityGroups'][number];

const minutes = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Seeds an (empty) world with a validated scenario. */
export function loadScenario(world: World, s: Scenario, now = Date.now()): void {
  world.region = s.region;
  if (s.limits.maxRulesPerGroup !== undefined) world.maxRulesPerGroup = s.limits.maxRulesPerGroup;
  if (s.limits.maxGroupReferences !== undefined) world.maxGroupReferences = s.limits.maxGroupReferences;
  if (s.limits.maxGroupsPerInstance !== undefined) world.maxGroupsPerInstance = s.limits.maxGroupsPerInstance;
  seedAccounts(world, s);
  for (const v of s.vpcs)
    world.vpcs.set(v.id, {
      id: v.id,
      owner: v.owner,
      region: s.region,
      cidr: v.cidr,
      secondaryCidrs: [...v.secondaryCidrs],
      userCidrs: [...v.userCidrs],
      sharedWith: v.sharedWith,
    });
  seedSecurityGroups(world, s, now);
  seedInstances(world, s, now);
  world.vpcConnections = s.vpcConnections.map((c) => ({ between: [c.between[0], c.between[1]], kind: c.kind }));
  for (const b of s.buckets) world.sinks.createBucket(b.owner, b.name);
  for (const b of s.eventBuses) world.sinks.createBus(b.owner, b.name);
}

function seedAccounts(world: World, s: Scenario): void {
  for (const a of s.accounts) {
    world.accounts.set(a.id, {
      id: a.id,
      name: a.name,
      accessKeys: new Map(a.accessKeys.map((k) => [k.id, k.secret])),
      rootKeys: new Set(a.accessKeys.filter((k) => k.kind === 'root').map((k) => k.id)),
      roles: new Map(
        a.roles.map((r) => [
          r.name,
          {
            name: r.name,
            trust: r.trust,
            externalId: r.externalId,
            maxSessionDuration: r.maxSessionDuration,
            policy: r.policy,
          },
        ]),
      ),
    });
  }
}

function seedSecurityGroups(world: World, s: Scenario, now: number): void {
  const ownerOf = new Map(s.securityGroups.map((g) => [g.id, g.owner]));
  for (const g of s.securityGroups) {
    world.groups.set(g.id, {
      id: g.id,
      owner: g.owner,
      region: s.region,
      vpcId: g.vpc,
      type: g.type,
      name: g.name ?? g.id,
      description: g.description,
      innerAccessPolicy: g.innerAccessPolicy,
      rules: g.rules.map((r) => seededRule(world, g, r, ownerOf, now)),
      creationTime: seconds(now),
      tags: { ...g.tags },
    });
  }
}

/** A scenario rule as the world keeps it; a group source's owner defaults to the source's, else the group's. */
function seededRule(
  world: World,
  g: SecurityGroup,
  r: SecurityGroup['rules'][number],
  ownerOf: Map<string, string>,
  now: number,
): Rule {
  return {
    ruleId: world.nextId('sgr-'),
    direction: r.direction,
    ipProtocol: r.ipProtocol,
    portRange: r.portRange,
    sourceCidrIp: r.sourceCidrIp ?? '',
    sourceGroupId: r.sourceGroupId ?? '',
    sourceGroupOwnerId: r.sourceGroupId ? (r.sourceGroupOwnerId ?? ownerOf.get(r.sourceGroupId) ?? g.owner) : '',
    destCidrIp: r.destCidrIp ?? '',
    sourcePortRange: '',
    nicType: 'intranet',
    policy: r.policy,
    priority: r.priority,
    description: r.description,
    createTime: seconds(now),
    visibleAt: 0,
  };
}

function seedInstances(world: World, s: Scenario, now: number): void {
  for (const i of s.instances) {
    world.instances.set(i.id, {
      id: i.id,
      owner: i.owner,
      region: s.region,
      zoneId: i.zoneId ?? `${s.region}-b`,
      vpcId: i.vpc,
      vSwitchId: `vsw-${i.vpc.replace(/^vpc-/, '')}`,
      privateIp: i.privateIp,
      ...(i.ipv6Addresses === undefined ? {} : { ipv6Addresses: [...i.ipv6Addresses] }),
      securityGroupIds: [...i.securityGroups],
      tags: { ...i.tags },
      status: i.status,
      name: i.name ?? i.id,
      creationTime: minutes(now),
    });
  }
}
