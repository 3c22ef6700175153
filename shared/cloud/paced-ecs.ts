import type { EcsPort } from './port';
import type { Pacer } from './pacer';

/** The same port, every call paced by the account's pacer. */
export function pacedEcs(ecs: EcsPort, pacer: Pacer): EcsPort {
  const run = <T>(call: () => Promise<T>): Promise<T> => pacer.run(call);
  return {
    readGroupAttributes: (groupId) => pacer.run(() => ecs.readGroupAttributes(groupId)),
    describeGroups: (ids) => pacer.run(() => ecs.describeGroups(ids)),
    describeInstances: (ids) => pacer.run(() => ecs.describeInstances(ids)),
    listInstances: (filter) => pacer.run(() => ecs.listInstances(filter)),
    authorizeIngress: (groupId, permissions, token) => pacer.run(() => ecs.authorizeIngress(groupId, permissions, token)),
    revokeIngress: (groupId, permissions, token) => pacer.run(() => ecs.revokeIngress(groupId, permissions, token)),
    revokeIngressRules: (groupId, ruleIds, token) => pacer.run(() => ecs.revokeIngressRules(groupId, ruleIds, token)),
    tagGroups: (ids, key, value) => run(() => ecs.tagGroups(ids, key, value)),
    untagGroups: (ids, key) => run(() => ecs.untagGroups(ids, key)),
    listTaggedGroups: (key) => run(() => ecs.listTaggedGroups(key)),
  };
}
