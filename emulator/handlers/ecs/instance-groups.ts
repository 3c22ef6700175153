import type { Handler } from '../../models/context';
import { joinGroup, leaveGroup } from '../../models/instance-groups';
import { INSTANCE, req, scopeOf, SECURITY_GROUP, touch } from './params';

/** JoinSecurityGroup: InstanceId, SecurityGroupId (RegionId optional) → `{}`. */
export const joinSecurityGroup: Handler = (ctx) => {
  const m = joinGroup(scopeOf(ctx, true), req(ctx, 'InstanceId'), req(ctx, 'SecurityGroupId'));
  touch(ctx, INSTANCE, m.instance.id);
  touch(ctx, SECURITY_GROUP, m.group.id);
  return {};
};

/** LeaveSecurityGroup: InstanceId, SecurityGroupId (RegionId optional) → `{}`. */
export const leaveSecurityGroup: Handler = (ctx) => {
  const m = leaveGroup(scopeOf(ctx, true), req(ctx, 'InstanceId'), req(ctx, 'SecurityGroupId'));
  touch(ctx, INSTANCE, m.instance.id);
  touch(ctx, SECURITY_GROUP, m.group.id);
  return {};
};
