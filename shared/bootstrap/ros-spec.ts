/**
 * The ROS resource types bootstrap's templates use, written from the ROS resource reference (one page
 * per type, `doc`): every property of the type's syntax block, whether it is required, its type, and
 * for the list-of-maps properties bootstrap fills (Targets, ParamList) their items' properties too.
 * checkTemplateAgainstSpec holds a template to it: a required property missing, an unknown one, or a
 * literal of the wrong kind is a problem.
 */
import type { RosTemplate } from './ros-template';

type Kind = 'String' | 'Map' | 'List' | 'Boolean' | 'Integer';
interface PropertySpec {
  kind: Kind;
  required: boolean;
  /** the properties of each item of a List of Maps */
  items?: Record<string, PropertySpec>;
}
export interface TypeSpec {
  doc: string;
  properties: Record<string, PropertySpec>;
}

const req = (kind: Kind, items?: Record<string, PropertySpec>): PropertySpec => ({
  kind,
  required: true,
  ...(items ? { items } : {}),
});
const opt = (kind: Kind, items?: Record<string, PropertySpec>): PropertySpec => ({
  kind,
  required: false,
  ...(items ? { items } : {}),
});

export const ROS_SPEC: Record<string, TypeSpec> = {
  'ALIYUN::RAM::Role': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ram-role',
    properties: {
      RoleName: req('String'),
      AssumeRolePolicyDocument: req('Map'),
      Description: opt('String'),
      MaxSessionDuration: opt('Integer'),
      Policies: opt('List'),
      IgnoreExisting: opt('Boolean'),
      DeletionForce: opt('Boolean'),
      PolicyAttachments: opt('Map'),
    },
  },
  'ALIYUN::RAM::ManagedPolicy': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-ram-managedpolicy',
    properties: {
      PolicyName: req('String'),
      Description: opt('String'),
      Roles: opt('List'),
      PolicyDocumentUnchecked: opt('Map'),
      PolicyDocument: opt('Map'),
      Groups: opt('List'),
      Users: opt('List'),
      IgnoreExisting: opt('Boolean'),
    },
  },
  'ALIYUN::EventBridge::Rule': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-eventbridge-rule',
    properties: {
      EventBusName: req('String'),
      FilterPattern: req('Map'),
      Targets: req('List', {
        Endpoint: req('String'),
        Id: req('String'),
        Type: req('String'),
        PushRetryStrategy: opt('String'),
        ParamList: opt('List', {
          ResourceKey: req('String'),
          Form: req('String'),
          Value: opt('String'),
          Template: opt('String'),
        }),
        DeadLetterQueue: opt('Map'),
        ConcurrentConfig: opt('Map'),
        ErrorsTolerance: opt('String'),
      }),
      RuleName: req('String'),
      Status: opt('String'),
      Description: opt('String'),
    },
  },
  // the ROS page of this type is not in the stored documentation: its two properties are
  // CreateEventBus's (https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-createeventbus)
  'ALIYUN::EventBridge::EventBus': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-eventbridge-eventbus',
    properties: { EventBusName: req('String'), Description: opt('String') },
  },
  'ALIYUN::SLS::Project': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-sls-project',
    properties: {
      Name: req('String'),
      Description: opt('String'),
      Tags: opt('List'),
      ResourceGroupId: opt('String'),
      DataRedundancyType: opt('String'),
    },
  },
  'ALIYUN::SLS::Logstore': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-sls-logstore',
    properties: {
      ProjectName: req('String'),
      LogstoreName: req('String'),
      ShardCount: opt('Integer'),
      AutoSplit: opt('Boolean'),
      MaxSplitShard: opt('Integer'),
      AppendMeta: opt('Boolean'),
      TTL: opt('Integer'),
      EnableTracking: opt('Boolean'),
      PreserveStorage: opt('Boolean'),
      EncryptConf: opt('Map'),
      Mode: opt('String'),
    },
  },
  'ALIYUN::MNS::Queue': {
    doc: 'https://www.alibabacloud.com/help/en/ros/developer-reference/aliyun-mns-queue',
    properties: {
      QueueName: req('String'),
      DelaySeconds: opt('Integer'),
      DlqPolicy: opt('Map'),
      MaximumMessageSize: opt('Integer'),
      MessageRetentionPeriod: opt('Integer'),
      VisibilityTimeout: opt('Integer'),
      PollingWaitSeconds: opt('Integer'),
      LoggingEnabled: opt('Boolean'),
      Tags: opt('List'),
    },
  },
};

/** the attributes a resource may carry besides Type and Properties (ROS template structure, Resources) */
const RESOURCE_ATTRIBUTES = new Set(['Type', 'Properties', 'Condition', 'DependsOn', 'DeletionPolicy', 'Metadata']);

export interface SpecProblem {
  path: string;
  message: string;
}

export function checkTemplateAgainstSpec(template: RosTemplate): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (template.ROSTemplateFormatVersion !== '2015-09-01')
    problems.push({ path: 'ROSTemplateFormatVersion', message: 'must be 2015-09-01' });
  for (const [id, resource] of Object.entries(template.Resources)) {
    const path = `Resources.${id}`;
    for (const key of Object.keys(resource))
      if (!RESOURCE_ATTRIBUTES.has(key)) problems.push({ path, message: `unknown attribute ${key}` });
    const spec = ROS_SPEC[resource.Type];
    if (!spec) {
      problems.push({ path, message: `type ${resource.Type} is not in the spec` });
      continue;
    }
    problems.push(...checkProperties(resource.Properties, spec.properties, `${path}.Properties`));
  }
  return problems;
}

function checkProperties(
  value: Record<string, unknown>,
  spec: Record<string, PropertySpec>,
  path: string,
): SpecProblem[] {
  const problems: SpecProblem[] = [];
  for (const [name, p] of Object.entries(spec))
    if (p.required && value[name] === undefined) problems.push({ path, message: `required property ${name} missing` });
  for (const [name, v] of Object.entries(value)) {
    const p = spec[name];
    if (!p) {
      problems.push({ path, message: `unknown property ${name}` });
      continue;
    }
    if (isFunction(v)) continue;
    if (!hasKind(v, p.kind)) problems.push({ path: `${path}.${name}`, message: `expected ${p.kind}` });
    else if (p.items && Array.isArray(v))
      v.forEach((item, i) =>
        problems.push(
          ...(hasKind(item, 'Map')
            ? checkProperties(item as Record<string, unknown>, p.items!, `${path}.${name}[${i}]`)
            : [{ path: `${path}.${name}[${i}]`, message: 'expected Map' }]),
        ),
      );
  }
  return problems;
}

const isFunction = (v: unknown) =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  /^(Ref|Fn::)/.test(Object.keys(v)[0]!);

function hasKind(v: unknown, kind: Kind): boolean {
  if (kind === 'String') return typeof v === 'string';
  if (kind === 'List') return Array.isArray(v);
  if (kind === 'Map') return v !== null && typeof v === 'object' && !Array.isArray(v);
  if (kind === 'Boolean') return typeof v === 'boolean';
  return Number.isInteger(v);
}
