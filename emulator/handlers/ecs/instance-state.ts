import type { Handler } from '../../models/context';
import { changeInstanceStatus, deleteInstance } from '../../models/instances';
import { bool, INSTANCE, req, scopeOf, touch } from './params';

/** DeleteInstance: InstanceId, Force (needed unless the instance is Stopped) → `{}`. */
export const deleteInstanceHandler: Handler = (ctx) => {
  const instance = deleteInstance(scopeOf(ctx, true), req(ctx, 'InstanceId'), bool(ctx, 'Force'));
  touch(ctx, INSTANCE, instance.id);
  ctx.facts.stateChanges.push({ instanceId: instance.id, state: 'Deleted' });
  return {};
};

/** StartInstance: Stopped → Running. */
export const startInstanceHandler: Handler = (ctx) => {
  const instance = changeInstanceStatus(scopeOf(ctx, true), req(ctx, 'InstanceId'), 'Stopped', 'Running');
  touch(ctx, INSTANCE, instance.id);
  ctx.facts.stateChanges.push({ instanceId: instance.id, state: instance.status });
  return {};
};

/** StopInstance: Running → Stopped. */
export const stopInstanceHandler: Handler = (ctx) => {
  const instance = changeInstanceStatus(scopeOf(ctx, true), req(ctx, 'InstanceId'), 'Running', 'Stopped');
  touch(ctx, INSTANCE, instance.id);
  ctx.facts.stateChanges.push({ instanceId: instance.id, state: instance.status });
  return {};
};
