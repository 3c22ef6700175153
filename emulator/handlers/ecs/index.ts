import type { HandlerTable } from '../../models/context';
import { describeInvocationResultsHandler, runCommandHandler } from './cloud-assistant';
import { createCommandHandler, describeCommandsHandler, invokeCommandHandler } from './cloud-assistant-commands';
import { createSecurityGroupHandler } from './create-security-group';
import { describeInstances } from './describe-instances';
import { describeSecurityGroupAttribute } from './describe-security-group-attribute';
import { describeSecurityGroups } from './describe-security-groups';
import { joinSecurityGroup, leaveSecurityGroup } from './instance-groups';
import { deleteInstanceHandler, startInstanceHandler, stopInstanceHandler } from './instance-state';
import { modifySecurityGroupRule } from './modify-security-group-rule';
import {
  createPrefixListHandler,
  deletePrefixListHandler,
  describePrefixListAssociationsHandler,
  describePrefixListAttributesHandler,
  describePrefixListsHandler,
  modifyPrefixListHandler,
} from './prefix-lists';
import { runInstancesHandler } from './run-instances';
import { authorizeSecurityGroupEgress, revokeSecurityGroupEgress } from './security-group-egress';
import { authorizeSecurityGroup, revokeSecurityGroup } from './security-group-rules';
import { tagResourcesHandler, untagResourcesHandler } from './tag-resources';

/** ECS 2014-05-26: the operations the emulator answers (see emulator/COVERAGE-ecs.md). */
export const ecsHandlers: HandlerTable = {
  DescribeInstances: { handler: describeInstances, write: false },
  DescribeSecurityGroups: { handler: describeSecurityGroups, write: false },
  DescribeSecurityGroupAttribute: { handler: describeSecurityGroupAttribute, write: false },
  AuthorizeSecurityGroup: { handler: authorizeSecurityGroup, write: true },
  RevokeSecurityGroup: { handler: revokeSecurityGroup, write: true },
  ModifySecurityGroupRule: { handler: modifySecurityGroupRule, write: true },
  AuthorizeSecurityGroupEgress: { handler: authorizeSecurityGroupEgress, write: true },
  RevokeSecurityGroupEgress: { handler: revokeSecurityGroupEgress, write: true },
  CreateSecurityGroup: { handler: createSecurityGroupHandler, write: true },
  RunInstances: { handler: runInstancesHandler, write: true },
  DeleteInstance: { handler: deleteInstanceHandler, write: true },
  StartInstance: { handler: startInstanceHandler, write: true },
  StopInstance: { handler: stopInstanceHandler, write: true },
  JoinSecurityGroup: { handler: joinSecurityGroup, write: true },
  LeaveSecurityGroup: { handler: leaveSecurityGroup, write: true },
  TagResources: { handler: tagResourcesHandler, write: true },
  UntagResources: { handler: untagResourcesHandler, write: true },
  RunCommand: { handler: runCommandHandler, write: true },
  DescribeInvocationResults: { handler: describeInvocationResultsHandler, write: false },
  CreateCommand: { handler: createCommandHandler, write: true },
  DescribeCommands: { handler: describeCommandsHandler, write: false },
  InvokeCommand: { handler: invokeCommandHandler, write: true },
  CreatePrefixList: { handler: createPrefixListHandler, write: true },
  ModifyPrefixList: { handler: modifyPrefixListHandler, write: true },
  DeletePrefixList: { handler: deletePrefixListHandler, write: true },
  DescribePrefixLists: { handler: describePrefixListsHandler, write: false },
  DescribePrefixListAttributes: { handler: describePrefixListAttributesHandler, write: false },
  DescribePrefixListAssociations: { handler: describePrefixListAssociationsHandler, write: false },
};
