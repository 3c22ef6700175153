import type { EcsPort } from './port';
import type { Pacer } from './pacer';

/** The same port, every call paced by the account's pacer. */
export function pacedEcs(ecs: EcsPort, pacer: Pacer): EcsPort {
  return {
    readGroupAttributes: (groupId) => pacer.run(() => ecs.readGroupAttributes(groupId)),
    describeGroups: (ids) => pacer.run(() => ecs.describeGroups(ids)),
    describeInstances: (ids) => pacer.run(() => ecs.describeInstances(ids)),
    listInstances: (filter) => pacer.run(() => ecs.listInstances(filter)),
    authorizeIngress: (groupId, permissions, token) => pacer.run(() => ecs.authorizeIngress(groupId, permissions, token)),
    revokeIngress: (groupId, permissions, token) => pacer.run(() => ecs.revokeIngress(groupId, permissions, token)),
    revokeIngressRules: (groupId, ruleIds, token) => pacer.run(() => ecs.revokeIngressRules(groupId, ruleIds, token)),
  };
}
