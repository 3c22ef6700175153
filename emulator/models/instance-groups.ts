import { apiError } from '../errors/api-errors';
import { findInstance } from './instances';
import type { Scope } from './scope';
import { findGroup } from './security-groups';
import type { Instance, SecurityGroup } from './world';

interface Membership {
  instance: Instance;
  group: SecurityGroup;
}

function lookUp(scope: Scope, instanceId: string, groupId: string): Membership {
  const instance = findInstance(scope, instanceId);
  const group = findGroup(scope, groupId);
  if (instance.status !== 'Running' && instance.status !== 'Stopped') throw apiError('IncorrectInstanceStatus');
  return { instance, group };
}

/** JoinSecurityGroup: a Running or Stopped instance joins a group of its own VPC, up to the per-instance limit. */
export function joinGroup(scope: Scope, instanceId: string, groupId: string): Membership {
  const m = lookUp(scope, instanceId, groupId);
  if (m.instance.securityGroupIds.includes(m.group.id)) throw apiError('InvalidInstanceId.AlreadyExists');
  if (m.group.vpcId !== m.instance.vpcId) throw apiError('InvalidInstanceId.Mismatch');
  if (m.instance.securityGroupIds.length >= scope.world.maxGroupsPerInstance)
    throw apiError('InstanceSecurityGroupLimitExceeded');
  m.instance.securityGroupIds.push(m.group.id);
  return m;
}

/** LeaveSecurityGroup: the instance must be in the group, and keep at least one group. */
export function leaveGroup(scope: Scope, instanceId: string, groupId: string): Membership {
  const m = lookUp(scope, instanceId, groupId);
  if (!m.instance.securityGroupIds.includes(m.group.id)) throw apiError('InvalidSecurityGroupAssociation.NotFound');
  if (m.instance.securityGroupIds.length === 1) throw apiError('InstanceLastSecurityGroup');
  m.instance.securityGroupIds = m.instance.securityGroupIds.filter((id) => id !== m.group.id);
  return m;
}
