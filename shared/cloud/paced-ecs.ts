import type { AssistantPort, EcsPort, VpcPort } from './port';
import type { Pacer } from './pacer';

/** Runs a call when the process has room for one more in flight (e.g. a p-limit). */
export type InFlightLimit = <T>(call: () => Promise<T>) => Promise<T>;

const unlimited: InFlightLimit = (call) => call();

/** The same port, every call paced by the account's pacer, then by the process-wide limit. */
export function pacedEcs(ecs: EcsPort, pacer: Pacer, inFlight: InFlightLimit = unlimited): EcsPort {
  const run = <T>(call: () => Promise<T>) => pacer.run(() => inFlight(call));
  return {
    readGroupAttributes: (groupId) => run(() => ecs.readGroupAttributes(groupId)),
    describeGroups: (ids) => run(() => ecs.describeGroups(ids)),
    describeInstances: (ids) => run(() => ecs.describeInstances(ids)),
    listInstances: (filter) => run(() => ecs.listInstances(filter)),
    authorizeIngress: (groupId, permissions, token) => run(() => ecs.authorizeIngress(groupId, permissions, token)),
    revokeIngress: (groupId, permissions, token) => run(() => ecs.revokeIngress(groupId, permissions, token)),
    revokeIngressRules: (groupId, ruleIds, token) => run(() => ecs.revokeIngressRules(groupId, ruleIds, token)),
    setRuleDescription: (groupId, ruleId, description, token) =>
      run(() => ecs.setRuleDescription(groupId, ruleId, description, token)),
    authorizeEgress: (groupId, permissions, token) => run(() => ecs.authorizeEgress(groupId, permissions, token)),
    revokeEgress: (groupId, permissions, token) => run(() => ecs.revokeEgress(groupId, permissions, token)),
    revokeEgressRules: (groupId, ruleIds, token) => run(() => ecs.revokeEgressRules(groupId, ruleIds, token)),
    tagGroups: (ids, key, value) => run(() => ecs.tagGroups(ids, key, value)),
    untagGroups: (ids, key) => run(() => ecs.untagGroups(ids, key)),
    listTaggedGroups: (key, value) => run(() => ecs.listTaggedGroups(key, value)),
    listGroupsNamed: (name) => run(() => ecs.listGroupsNamed(name)),
    listTaggedPrefixLists: (key, value) => run(() => ecs.listTaggedPrefixLists(key, value)),
    readPrefixListEntries: (id) => run(() => ecs.readPrefixListEntries(id)),
    createPrefixList: (list, token) => run(() => ecs.createPrefixList(list, token)),
    modifyPrefixListEntries: (id, add, remove) => run(() => ecs.modifyPrefixListEntries(id, add, remove)),
    deletePrefixList: (id) => run(() => ecs.deletePrefixList(id)),
  };
}

/**
 * Cloud Assistant as the same account, paced by the same pacer: DescribeCommands, CreateCommand,
 * InvokeCommand and DescribeInvocationResults are ECS API actions and count against the account's ECS rate limit.
 */
export function pacedAssistant(
  assistant: AssistantPort,
  pacer: Pacer,
  inFlight: InFlightLimit = unlimited,
): AssistantPort {
  const run = <T>(call: () => Promise<T>) => pacer.run(() => inFlight(call));
  return {
    findCommands: (name) => run(() => assistant.findCommands(name)),
    createCommand: (spec) => run(() => assistant.createCommand(spec)),
    invokeCommand: (commandId, instanceIds, parameters, timeoutSeconds) =>
      run(() => assistant.invokeCommand(commandId, instanceIds, parameters, timeoutSeconds)),
    describeInvocationResults: (invokeId, instanceId) =>
      run(() => assistant.describeInvocationResults(invokeId, instanceId)),
  };
}

/**
 * The VPC API as the same account, through the same pacer: one pacer per account keeps every read
 * of an account behind its throttling (the VPC API's own limits are separate, but a throttled answer
 * from it slows the account's reads the same way).
 */
export function pacedVpc(vpc: VpcPort, pacer: Pacer, inFlight: InFlightLimit = unlimited): VpcPort {
  return { describeVpcs: (ids) => pacer.run(() => inFlight(() => vpc.describeVpcs(ids))) };
}
