import type { Issue } from '../errors/issues';
import type { Scenario } from './scenario-schema';

type Vpc = Scenario['vpcs'][number];
type SecurityGroup = Scenario['securityGroups'][number];
type GroupRule = SecurityGroup['rules'][number];

/** What the checks share: the issue list they add to, and the scenario's parts by id. */
interface References {
  at(path: string, message: string): void;
  accounts: Set<string>;
  vpcs: Map<string, Vpc>;
  groups: Map<string, SecurityGroup>;
}

/**
 * Checks between the parts of a schema-valid scenario, each reported at the field at fault:
 * unique ids, owners and VPCs that exist, groups an instance may belong to, sane rule sources.
 */
export function checkReferences(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const refs: References = {
    at: (path, message) => issues.push({ path, message }),
    accounts: new Set(s.accounts.map((a) => a.id)),
    vpcs: new Map(s.vpcs.map((v) => [v.id, v])),
    groups: new Map(s.securityGroups.map((g) => [g.id, g])),
  };
  for (const check of [checkAccounts, checkVpcs, checkSecurityGroups, checkInstances, checkVpcConnections])
    check(s, refs);
  return issues;
}

function checkAccounts(s: Scenario, { at }: References): void {
  const accounts = new Set<string>();
  const keys = new Set<string>();
  s.accounts.forEach((a, i) => {
    if (accounts.has(a.id)) at(`accounts[${i}].id`, `duplicate account id ${a.id}`);
    accounts.add(a.id);
    a.accessKeys.forEach((k, j) => {
      if (keys.has(k.id)) at(`accounts[${i}].accessKeys[${j}].id`, `duplicate access key id ${k.id}`);
      keys.add(k.id);
    });
    const roles = new Set<string>();
    a.roles.forEach((r, j) => {
      if (roles.has(r.name.toLowerCase()))
        at(`accounts[${i}].roles[${j}].name`, `duplicate role name ${r.name} (names are case-insensitive)`);
      roles.add(r.name.toLowerCase());
    });
  });
}

function checkAccount(refs: References, path: string, uid: string): void {
  if (!refs.accounts.has(uid)) refs.at(path, `no account ${uid} in accounts`);
}

/** The VPC a group or instance names, if it exists and its owner may use it. */
function usableVpc(refs: References, path: string, vpcId: string, owner: string): Vpc | undefined {
  const v = refs.vpcs.get(vpcId);
  if (!v) refs.at(path, `no vpc ${vpcId} in vpcs`);
  else if (v.owner !== owner && !v.sharedWith.includes(owner))
    refs.at(path, `vpc ${vpcId} is neither owned by nor shared with ${owner}`);
  return v;
}

function checkVpcs(s: Scenario, refs: References): void {
  s.vpcs.forEach((v, i) => {
    if (s.vpcs.findIndex((o) => o.id === v.id) !== i) refs.at(`vpcs[${i}].id`, `duplicate vpc id ${v.id}`);
    checkAccount(refs, `vpcs[${i}].owner`, v.owner);
    v.sharedWith.forEach((uid, j) => checkAccount(refs, `vpcs[${i}].sharedWith[${j}]`, uid));
  });
}

function checkSecurityGroups(s: Scenario, refs: References): void {
  s.securityGroups.forEach((g, i) => {
    const path = `securityGroups[${i}]`;
    if (s.securityGroups.findIndex((o) => o.id === g.id) !== i)
      refs.at(`${path}.id`, `duplicate security group id ${g.id}`);
    checkAccount(refs, `${path}.owner`, g.owner);
    usableVpc(refs, `${path}.vpc`, g.vpc, g.owner);
    g.rules.forEach((r, k) => checkRule(refs, `${path}.rules[${k}]`, g, r));
  });
}

function checkRule(refs: References, rp: string, g: SecurityGroup, r: GroupRule): void {
  const { at } = refs;
  const [from, to] = r.portRange.split('/').map(Number);
  if (r.ipProtocol === 'TCP' || r.ipProtocol === 'UDP') {
    if (from < 1 || to > 65535 || from > to)
      at(`${rp}.portRange`, `${r.ipProtocol} ports are from/to within 1..65535, from <= to`);
  } else if (from !== -1 || to !== -1) at(`${rp}.portRange`, `${r.ipProtocol} rules take -1/-1`);
  if (r.direction === 'egress') {
    if (!r.destCidrIp) at(`${rp}.destCidrIp`, 'an egress rule needs destCidrIp');
    return;
  }
  if (!r.sourceCidrIp && !r.sourceGroupId)
    at(`${rp}.sourceCidrIp`, 'an ingress rule needs sourceCidrIp or sourceGroupId');
  if (!r.sourceGroupId) {
    if (r.sourceGroupOwnerId) at(`${rp}.sourceGroupOwnerId`, 'only meaningful with sourceGroupId');
    return;
  }
  checkSourceGroup(refs, rp, g, r.sourceGroupId, r.sourceGroupOwnerId);
}

function checkSourceGroup(refs: References, rp: string, g: SecurityGroup, sourceId: string, ownerId?: string): void {
  const src = refs.groups.get(sourceId);
  if (!src) refs.at(`${rp}.sourceGroupId`, `no security group ${sourceId} in securityGroups`);
  else if (src.id === g.id) refs.at(`${rp}.sourceGroupId`, 'a group cannot reference itself');
  else if (src.vpc !== g.vpc)
    refs.at(
      `${rp}.sourceGroupId`,
      `${src.id} is in ${src.vpc}, not in ${g.vpc} (VPC groups reference groups of their own VPC)`,
    );
  else if (ownerId && ownerId !== src.owner) refs.at(`${rp}.sourceGroupOwnerId`, `${src.id} is owned by ${src.owner}`);
}

function checkInstances(s: Scenario, refs: References): void {
  const { at } = refs;
  const ips = new Map<string, string>();
  s.instances.forEach((inst, i) => {
    const path = `instances[${i}]`;
    if (s.instances.findIndex((o) => o.id === inst.id) !== i) at(`${path}.id`, `duplicate instance id ${inst.id}`);
    checkAccount(refs, `${path}.owner`, inst.owner);
    const v = usableVpc(refs, `${path}.vpc`, inst.vpc, inst.owner);
    const blocks = v ? [v.cidr, ...v.secondaryCidrs] : [];
    if (v && !blocks.some((b) => inCidr(inst.privateIp, b)))
      at(`${path}.privateIp`, `${inst.privateIp} is outside ${v.id} (${blocks.join(', ')})`);
    const ipKey = `${inst.vpc}|${inst.privateIp}`;
    if (ips.has(ipKey))
      at(`${path}.privateIp`, `${inst.privateIp} is already used by ${ips.get(ipKey)} in ${inst.vpc}`);
    ips.set(ipKey, inst.id);
    inst.securityGroups.forEach((gid, j) => {
      const g = refs.groups.get(gid);
      if (!g) at(`${path}.securityGroups[${j}]`, `no security group ${gid} in securityGroups`);
      else if (g.owner !== inst.owner)
        at(`${path}.securityGroups[${j}]`, `${gid} belongs to ${g.owner}, not to the instance's owner ${inst.owner}`);
      else if (g.vpc !== inst.vpc)
        at(`${path}.securityGroups[${j}]`, `${gid} is in ${g.vpc}, not in the instance's vpc ${inst.vpc}`);
    });
  });
}

function checkVpcConnections(s: Scenario, { at, vpcs }: References): void {
  s.vpcConnections.forEach((c, i) => {
    c.between.forEach((vpcId, j) => {
      if (!vpcs.has(vpcId)) at(`vpcConnections[${i}].between[${j}]`, `no vpc ${vpcId} in vpcs`);
    });
    if (c.between[0] === c.between[1]) at(`vpcConnections[${i}].between`, 'a connection joins two different VPCs');
  });
}

function toInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(toInt(base) / size) * size;
  return toInt(ip) >= start && toInt(ip) < start + size;
}
