/**
 * The two ECS event patterns sg-pairing listens to, as s.yaml's instance-events triggers spell them
 * (test/unit/bootstrap-templates.test.ts keeps the two equal). Two, because every field of a pattern must
 * match and only ActionTrail records carry `data.eventName`.
 */
export const API_CALL_EVENTS = [
  'RunInstances',
  'CreateInstance',
  'StartInstance',
  'DeleteInstance',
  'DeleteInstances',
  'JoinSecurityGroup',
  'LeaveSecurityGroup',
  'TagResources',
  'UntagResources',
  'RevokeSecurityGroup',
  'ModifySecurityGroupRule',
  'DeleteSecurityGroup',
] as const;

export const ECS_EVENT_PATTERNS = {
  'api-calls': { source: ['acs.ecs'], type: ['ecs:ActionTrail:ApiCall'], data: { eventName: [...API_CALL_EVENTS] } },
  'state-changes': { source: ['acs.ecs'], type: ['ecs:Instance:StateChange'] },
} as const;

export type EcsEventRoute = keyof typeof ECS_EVENT_PATTERNS;
