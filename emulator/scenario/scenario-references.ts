import type { Issue } from '../gateway/issues';
import type { Scenario } from './scenario-schema';

/**
 * Checks between the parts of a schema-valid scenario, each reported at the field at fault:
 * unique ids, owners and VPCs that exist, groups an instance may belong to, sane rule sources.
 */
export function checkReferences(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  const at = (path: string, message: string) => issues.push({ path, message });
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
  const account = (path: string, uid: string) => {
    if (!accounts.has(uid)) at(path, `no account ${uid} in accounts`);
  };

  const vpcs = new Map(s.vpcs.map((v) => [v.id, v]));
  s.vpcs.forEach((v, i) => {
    if (s.vpcs.findIndex((o) => o.id === v.id) !== i) at(`vpcs[${i}].id`, `duplicate vpc id ${v.id}`);
    account(`vpcs[${i}].owner`, v.owner);
    v.sharedWith.forEach((uid, j) => account(`vpcs[${i}].sharedWith[${j}]`, uid));
  });
  const vpcFor = (path: string, vpcId: string, owner: string) => {
    const v = vpcs.get(vpcId);
    if (!v) at(path, `no vpc ${vpcId} in vpcs`);
    else if (v.owner !== owner && !v.sharedWith.includes(owner))
      at(path, `vpc ${vpcId} is neither owned by nor shared with ${owner}`);
    return v;
  };

  const groups = new Map(s.securityGroups.map((g) => [g.id, g]));
  s.securityGroups.forEach((g, i) => {
    const path = `securityGroups[${i}]`;
    if (s.securityGroups.findIndex((o) => o.id === g.id) !== i) at(`${path}.id`, `duplicate security group id ${g.id}`);
    account(`${path}.owner`, g.owner);
    vpcFor(`${path}.vpc`, g.vpc, g.owner);
    g.rules.forEach((r, k) => {
      const rp = `${path}.rules[${k}]`;
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
      const src = groups.get(r.sourceGroupId);
      if (!src) at(`${rp}.sourceGroupId`, `no security group ${r.sourceGroupId} in securityGroups`);
      else if (src.id === g.id) at(`${rp}.sourceGroupId`, 'a group cannot reference itself');
      else if (src.vpc !== g.vpc)
        at(
          `${rp}.sourceGroupId`,
          `${src.id} is in ${src.vpc}, not in ${g.vpc} (VPC groups reference groups of their own VPC)`,
        );
      else if (r.sourceGroupOwnerId && r.sourceGroupOwnerId !== src.owner)
        at(`${rp}.sourceGroupOwnerId`, `${src.id} is owned by ${src.owner}`);
    });
  });

  const ips = new Map<string, string>();
  s.instances.forEach((inst, i) => {
    const path = `instances[${i}]`;
    if (s.instances.findIndex((o) => o.id === inst.id) !== i) at(`${path}.id`, `duplicate instance id ${inst.id}`);
    account(`${path}.owner`, inst.owner);
    const v = vpcFor(`${path}.vpc`, inst.vpc, inst.owner);
    if (v && !inCidr(inst.privateIp, v.cidr))
      at(`${path}.privateIp`, `${inst.privateIp} is outside ${v.id} (${v.cidr})`);
    const ipKey = `${inst.vpc}|${inst.privateIp}`;
    if (ips.has(ipKey))
      at(`${path}.privateIp`, `${inst.privateIp} is already used by ${ips.get(ipKey)} in ${inst.vpc}`);
    ips.set(ipKey, inst.id);
    inst.securityGroups.forEach((gid, j) => {
      const g = groups.get(gid);
      if (!g) at(`${path}.securityGroups[${j}]`, `no security group ${gid} in securityGroups`);
      else if (g.owner !== inst.owner)
        at(`${path}.securityGroups[${j}]`, `${gid} belongs to ${g.owner}, not to the instance's owner ${inst.owner}`);
      else if (g.vpc !== inst.vpc)
        at(`${path}.securityGroups[${j}]`, `${gid} is in ${g.vpc}, not in the instance's vpc ${inst.vpc}`);
    });
  });
  s.vpcConnections.forEach((c, i) => {
    c.between.forEach((vpcId, j) => {
      if (!vpcs.has(vpcId)) at(`vpcConnections[${i}].between[${j}]`, `no vpc ${vpcId} in vpcs`);
    });
    if (c.between[0] === c.between[1]) at(`vpcConnections[${i}].between`, 'a connection joins two different VPCs');
  });
  return issues;
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
