import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  checkTemplateAgainstSpec,
  ECS_EVENT_PATTERNS,
  resolveTemplate,
  ROS_SPEC,
  type RosTemplate,
} from '../../shared/bootstrap';
import { computeIamPlan } from '../../shared/iam';
import {
  bootstrapOf,
  configOf,
  exampleText,
  fortyAccountsText,
  memberDocuments,
  mixedText,
} from '../support/bootstrap-configs';
import { HUB_ACCOUNT_ID } from '../support/identities';

const root = resolve(__dirname, '..', '..');
const HUB_ROLE = `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-hub`;
const configs = { example: exampleText(), mixed: mixedText, 'forty accounts': fortyAccountsText() };

describe.each(Object.entries(configs))('bootstrap of the %s config', (_name, text) => {
  const config = configOf(text);
  const b = bootstrapOf(config);
  const iam = computeIamPlan(config, { hubRoleArn: HUB_ROLE }); // what `iam --json` prints

  it('writes templates whose every resource type and property is in the ROS spec, required ones present', () => {
    expect(b.files['member.ros.yaml']).toMatch(/^ROSTemplateFormatVersion: '2015-09-01'$/m);
    expect(checkTemplateAgainstSpec(b.memberText)).toEqual([]);
    expect(checkTemplateAgainstSpec(b.hubText)).toEqual([]);
  });

  it("member.ros.yaml resolved in each declared account creates exactly iam's role, trust and permission policy", () => {
    for (const account of iam.accounts) {
      const docs = memberDocuments(b.memberText, account.accountId, config.region);

      expect(docs.roleName, account.alias).toBe(account.roleArn.slice(account.roleArn.lastIndexOf('/') + 1));
      expect(docs.attachedTo).toEqual([docs.roleName]);
      expect(docs.trustPolicy, account.alias).toEqual(account.trustPolicy);
      expect(docs.permissionPolicy, account.alias).toEqual(account.permissionPolicy);
      expect(docs.resources.map((r) => r.logicalId)).toEqual([
        'MemberRole',
        'MemberPolicy',
        'ApiCallsRoute',
        'StateChangesRoute',
      ]);
    }
  });

  it("hub.ros.yaml creates iam's hub role and policy, and the log project and logstore that policy names", () => {
    const logProject = `sg-pairing-${HUB_ACCOUNT_ID}`;
    const expected = computeIamPlan(config, { hubRoleArn: HUB_ROLE, logProject, logStore: 'functions' });
    const hub = resolveTemplate(b.hubText, { accountId: HUB_ACCOUNT_ID, region: config.region });
    const byId = Object.fromEntries(hub.map((r) => [r.logicalId, r.properties]));
    const named = computeIamPlan(config, { hubRoleArn: HUB_ROLE, logProject: 'sg-logs', logStore: 'functions' });

    expect(byId.HubRole!.AssumeRolePolicyDocument).toEqual(expected.hub.trustPolicy);
    expect(byId.HubPolicy!.PolicyDocument).toEqual(expected.hub.permissionPolicy);
    expect([byId.LogProject!.Name, byId.FunctionLogs]).toEqual([
      logProject,
      { ProjectName: logProject, LogstoreName: 'functions' },
    ]);
    expect(bootstrapOf(config, 'sg-logs').hub.Resources.HubPolicy!.Properties.PolicyDocument).toEqual(
      named.hub.permissionPolicy,
    );
  });
});

describe('member.ros.yaml in an account the config does not declare (joined a target folder later)', () => {
  const config = configOf(mixedText);
  const { memberText } = bootstrapOf(config);

  it('creates the role roleName trusted by the hub role, with the policy of an account in no pairing', () => {
    const docs = memberDocuments(memberText, '5555555555555555', config.region);

    expect(docs.resources.map((r) => r.logicalId)).toEqual([
      'UndeclaredMemberRole',
      'UndeclaredMemberPolicy',
      'ApiCallsRoute',
      'StateChangesRoute',
    ]);
    expect(docs.roleName).toBe('sg-pairing');
    expect(docs.trustPolicy).toEqual({
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { RAM: [HUB_ROLE] } }],
    });
    expect(docs.permissionPolicy).toEqual({
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ecs:DescribeInstances', 'ecs:DescribeSecurityGroups', 'vpc:DescribeVpcs'],
          Resource: ['*'],
        },
      ],
    });
  });
});

describe('bootstrap of a Resource Directory config with a fleet side', () => {
  const config = configOf(`version: 1
name: demo
region: cn-qingdao
roleName: sg-pairing
accounts:
  shared: { id: "1111111111111111" }
resourceDirectory:
  folderIds: [fd-abcdef1234]
  roleName: sg-pairing-member
  externalId: org-7f3a
pairings:
  - name: bastion-ssh
    direction: first-to-second
    protocol: tcp
    ports: 22/22
    between:
      - { account: shared, securityGroup: sg-bastion }
      - { account: "*", tags: { ssh: bastion } }
`);
  const iam = computeIamPlan(config, { hubRoleArn: HUB_ROLE });

  it("gives an account it does not declare (a discovered member) iam's fleet member role: the fleet side's grants", () => {
    const docs = memberDocuments(bootstrapOf(config).memberText, '5555555555555555', config.region);

    expect(iam.fleetMember).toBeDefined();
    expect(docs.roleName).toBe('sg-pairing-member');
    expect(docs.trustPolicy).toEqual(iam.fleetMember!.trustPolicy);
    expect(docs.permissionPolicy).toEqual(iam.fleetMember!.permissionPolicy);
    expect(JSON.stringify(docs.permissionPolicy)).toContain('ecs:AuthorizeSecurityGroup');
  });
});

describe('the event route', () => {
  const config = configOf(exampleText());
  const { memberText, hubText } = bootstrapOf(config);
  const target = (template: RosTemplate, parameters?: Record<string, string>) =>
    resolveTemplate(template, { accountId: '1111111111111111', region: 'cn-qingdao', parameters })
      .filter((r) => r.type === 'ALIYUN::EventBridge::Rule')
      .map((r) => ({ bus: r.properties.EventBusName, targets: r.properties.Targets as Record<string, unknown>[] }));

  it("routes the member's default bus to the hub's custom bus, or to its default bus under the older routing rule", () => {
    const custom = target(memberText);
    const older = target(memberText, { HubEventBusName: 'default' });

    expect(custom.map((r) => [r.bus, r.targets[0]!.Endpoint])).toEqual([
      ['default', `acs:eventbridge:cn-qingdao:${HUB_ACCOUNT_ID}:eventbus/sg-pairing`],
      ['default', `acs:eventbridge:cn-qingdao:${HUB_ACCOUNT_ID}:eventbus/sg-pairing`],
    ]);
    expect(older[0]!.targets[0]!.Endpoint).toBe(`acs:eventbridge:cn-qingdao:${HUB_ACCOUNT_ID}:eventbus/default`);
    expect(older[0]!.targets[0]!.ParamList).toContainEqual({
      ResourceKey: 'EventBusName',
      Form: 'CONSTANT',
      Value: 'default',
    });
    expect(() => target(memberText, { HubEventBusName: 'other' })).toThrow(/AllowedValues/);
  });

  it("delivers the hub bus's events to instance-events with the patterns of s.yaml's triggers", () => {
    const sYaml = parse(readFileSync(join(root, 's.yaml'), 'utf8')) as {
      resources: { instanceEvents: { props: { triggers: { triggerConfig: { eventRuleFilterPattern: string } }[] } } };
    };
    const triggerPatterns = sYaml.resources.instanceEvents.props.triggers.map((t) =>
      JSON.parse(t.triggerConfig.eventRuleFilterPattern),
    );
    const hubRules = resolveTemplate(hubText, { accountId: HUB_ACCOUNT_ID, region: 'cn-qingdao' }).filter(
      (r) => r.type === 'ALIYUN::EventBridge::Rule',
    );

    expect(Object.values(ECS_EVENT_PATTERNS)).toEqual(triggerPatterns);
    expect(hubRules.map((r) => [r.properties.EventBusName, r.properties.FilterPattern])).toEqual(
      triggerPatterns.map((p) => ['sg-pairing', p]),
    );
    expect(hubRules.map((r) => (r.properties.Targets as { Endpoint: string }[])[0]!.Endpoint)).toEqual([
      `acs:fc:cn-qingdao:${HUB_ACCOUNT_ID}:functions/sg-pairing-instance-events`,
      `acs:fc:cn-qingdao:${HUB_ACCOUNT_ID}:functions/sg-pairing-instance-events`,
    ]);
  });
});

describe('the checks themselves', () => {
  const template = (properties: Record<string, unknown>, type = 'ALIYUN::RAM::Role'): RosTemplate => ({
    ROSTemplateFormatVersion: '2015-09-01',
    Description: 'probe',
    Resources: { R: { Type: type, Properties: properties } },
  });

  it('the spec names the doc page of every type it holds', () => {
    for (const [type, spec] of Object.entries(ROS_SPEC))
      expect(spec.doc, type).toMatch(/^https:\/\/www\.alibabacloud\.com\/help\/en\/ros\/developer-reference\/aliyun-/);
  });

  it('the spec check reports a missing required property, an unknown one, a wrong kind and an unknown type', () => {
    expect(checkTemplateAgainstSpec(template({ RoleName: 'r', Trust: {} }))).toEqual([
      { path: 'Resources.R.Properties', message: 'required property AssumeRolePolicyDocument missing' },
      { path: 'Resources.R.Properties', message: 'unknown property Trust' },
    ]);
    expect(checkTemplateAgainstSpec(template({ RoleName: ['r'], AssumeRolePolicyDocument: {} }))).toEqual([
      { path: 'Resources.R.Properties.RoleName', message: 'expected String' },
    ]);
    expect(checkTemplateAgainstSpec(template({}, 'ALIYUN::ECS::Instance'))).toEqual([
      { path: 'Resources.R', message: 'type ALIYUN::ECS::Instance is not in the spec' },
    ]);
  });

  it('the resolver joins, substitutes pseudo parameters and parameters, and takes a parameter default', () => {
    const t: RosTemplate = {
      ...template({}),
      Parameters: { Bus: { Type: 'String', Description: 'd', Default: 'b1' } },
      Resources: {
        R: {
          Type: 'ALIYUN::RAM::Role',
          Properties: {
            RoleName: { 'Fn::Join': ['-', ['r', { Ref: 'ALIYUN::Region' }, { Ref: 'Bus' }]] },
            AssumeRolePolicyDocument: { 'Fn::Sub': 'acs:ram::${ALIYUN::AccountId}:${Bus}' },
          },
        },
      },
    };

    expect(resolveTemplate(t, { accountId: '42', region: 'cn-x', parameters: { Bus: 'b2' } })[0]!.properties).toEqual({
      RoleName: 'r-cn-x-b2',
      AssumeRolePolicyDocument: 'acs:ram::42:b2',
    });
    expect(resolveTemplate(t, { accountId: '42', region: 'cn-x' })[0]!.properties.RoleName).toBe('r-cn-x-b1');
  });

  it('the resolver refuses a function it does not know and a missing mapping key', () => {
    const t = template({ RoleName: { 'Fn::Base64Encode': 'x' }, AssumeRolePolicyDocument: {} });
    expect(() => resolveTemplate(t, { accountId: '1', region: 'r' })).toThrow(/Fn::Base64Encode is not a function/);
    const m = template({ RoleName: { 'Fn::FindInMap': ['M', { Ref: 'ALIYUN::AccountId' }, 'RoleName'] } });
    expect(() => resolveTemplate({ ...m, Mappings: { M: {} } }, { accountId: '1', region: 'r' })).toThrow(
      /M\.1\.RoleName is not in Mappings/,
    );
  });
});
