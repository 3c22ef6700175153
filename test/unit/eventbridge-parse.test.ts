import { describe, expect, it } from 'vitest';
import { parseCloudEvent, parseEventBridgeInput, type ParsedEvent } from '../../shared/triggers/eventbridge';
import { eventBuffer, eventJson, EVENT_FIXTURES, type EventFixture } from '../support/event-fixtures';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, ACCOUNT_C_ID } from '../support/identities';

const R = 'cn-qingdao';
const id = (n: number) => `${n.toString(16).padStart(8, '0')}-0cef-47be-821f-fb9914d30000`;
const burst = Array.from({ length: 50 }, (_, n) => `i-bp1burst${String(n).padStart(7, '0')}`);

const touched = (
  n: number,
  cause: string,
  accountId: string,
  instanceIds: string[],
  groupIds: string[],
  groupRulesChanged = false,
): ParsedEvent => ({
  kind: 'touched',
  touched: { eventId: id(n), cause, accountId, region: R, instanceIds, groupIds, groupRulesChanged },
});

const expected: Record<Exclude<EventFixture, 'batch'>, ParsedEvent> = {
  'run-instances': touched(1, 'ApiCall:RunInstances', ACCOUNT_A_ID, ['i-bp1new00000001'], ['sg-bp1azkttqpldxgte0001']),
  'run-instances-burst': touched(2, 'ApiCall:RunInstances', ACCOUNT_A_ID, burst, ['sg-bp1azkttqpldxgte0001']),
  'create-instance': touched(
    3,
    'ApiCall:CreateInstance',
    ACCOUNT_A_ID,
    ['i-bp1created0001'],
    ['sg-bp1azkttqpldxgte0001'],
  ),
  'start-instance': touched(4, 'ApiCall:StartInstance', ACCOUNT_A_ID, ['i-a2'], []),
  'delete-instance': touched(5, 'ApiCall:DeleteInstance', ACCOUNT_A_ID, ['i-a1'], []),
  'delete-instances': touched(6, 'ApiCall:DeleteInstances', ACCOUNT_A_ID, ['i-a1', 'i-bp1gone00000002'], []),
  'join-security-group': touched(7, 'ApiCall:JoinSecurityGroup', ACCOUNT_A_ID, ['i-a1'], ['sg-a2']),
  'leave-security-group': touched(8, 'ApiCall:LeaveSecurityGroup', ACCOUNT_A_ID, ['i-a1'], ['sg-a2']),
  'revoke-security-group': touched(9, 'ApiCall:RevokeSecurityGroup', ACCOUNT_A_ID, [], ['sg-a1'], true),
  'modify-security-group-rule': touched(
    10,
    'ApiCall:ModifySecurityGroupRule',
    ACCOUNT_B_ID,
    [],
    ['sg-bp15ed6xe1yxeycg0002'],
    true,
  ),
  'delete-security-group': touched(11, 'ApiCall:DeleteSecurityGroup', ACCOUNT_A_ID, [], ['sg-a2'], true),
  'failed-call': {
    kind: 'ignored',
    ignored: {
      reason: 'FailedApiCall',
      message: 'RevokeSecurityGroup failed with InvalidSecurityGroupId.NotFound: nothing changed',
      eventId: id(12),
      cause: 'ApiCall:RevokeSecurityGroup',
      accountId: ACCOUNT_A_ID,
      region: R,
    },
  },
  'state-change-running': touched(13, 'StateChange:Running', ACCOUNT_A_ID, ['i-a2'], []),
  'state-change-running-flat': touched(21, 'StateChange:Running', ACCOUNT_A_ID, ['i-a2'], []),
  'run-instances-routed': touched(
    22,
    'ApiCall:RunInstances',
    ACCOUNT_A_ID,
    ['i-bp1routed000001'],
    ['sg-bp1azkttqpldxgte0001'],
  ),
  'state-change-stopped': {
    kind: 'ignored',
    ignored: {
      reason: 'StateNotRunning',
      message: 'an instance going Stopped cannot make a pairing satisfiable',
      eventId: id(14),
      cause: 'StateChange:Stopped',
      accountId: ACCOUNT_A_ID,
      region: R,
    },
  },
  // the account is only checked against the config by the scope mapping
  'undeclared-account': touched(15, 'ApiCall:RevokeSecurityGroup', ACCOUNT_C_ID, [], ['sg-bp1other00003'], true),
  'other-region': {
    kind: 'touched',
    touched: {
      eventId: id(16),
      cause: 'ApiCall:RevokeSecurityGroup',
      accountId: ACCOUNT_A_ID,
      region: 'cn-hangzhou',
      instanceIds: [],
      groupIds: ['sg-bp1hz0000001'],
      groupRulesChanged: true,
    },
  },
  'unrelated-type': {
    kind: 'ignored',
    ignored: {
      reason: 'UnhandledType',
      message: 'event type oss:ObjectCreated:PutObject is not handled',
      eventId: 'a1b2c3d4-0000-4000-8000-000000000017',
      cause: 'oss:ObjectCreated:PutObject',
      accountId: ACCOUNT_A_ID,
    },
  },
};

describe('EventBridge envelope and records: every fixture', () => {
  it.each(Object.entries(expected))('%s', (name, want) => {
    // Act: the bytes FC hands the function
    const parsed = parseEventBridgeInput(eventBuffer(name as EventFixture));
    // Assess
    expect(parsed).toEqual([want]);
  });

  it('a batch array gives one parse per item, a JSON-string item included', () => {
    const parsed = parseEventBridgeInput(eventBuffer('batch'));
    expect(parsed).toEqual([
      touched(18, 'ApiCall:RunInstances', ACCOUNT_A_ID, ['i-bp1batch0000001', 'i-bp1batch0000002'], ['sg-a1']),
      touched(19, 'StateChange:Running', ACCOUNT_A_ID, ['i-a1'], []),
      touched(20, 'StateChange:Running', ACCOUNT_B_ID, ['i-b1'], []),
      expected['modify-security-group-rule'],
    ]);
  });

  it('every fixture is covered', () => {
    expect([...Object.keys(expected), 'batch'].sort()).toEqual([...EVENT_FIXTURES].sort());
  });

  it('accepts the same event as a string, an object, or inside an array', () => {
    const json = eventJson('revoke-security-group');
    const want = [expected['revoke-security-group']];
    expect(parseEventBridgeInput(JSON.stringify(json))).toEqual(want);
    expect(parseEventBridgeInput(json)).toEqual(want);
    expect(parseEventBridgeInput([json])).toEqual(want);
  });
});

describe('reading IDs defensively', () => {
  const revoke = () =>
    eventJson<{
      subject?: string;
      aliyunaccountid?: string;
      aliyunoriginalaccountid?: string;
      aliyunregionid?: string;
      data: Record<string, unknown>;
    }>('revoke-security-group');
  const runInstances = () => eventJson<{ subject?: string; data: Record<string, unknown> }>('run-instances');

  it('instance IDs from InstanceIds as a JSON string or an array, and from responseElements.InstanceId', () => {
    const e = runInstances();
    delete e.subject;
    e.data.referencedResources = {};
    e.data.responseElements = { InstanceId: 'i-one' };
    e.data.requestParameters = { InstanceIds: '["i-two","i-three"]', SecurityGroupIds: ['sg-x', 'sg-y'] };
    expect(parseCloudEvent(e)).toMatchObject({
      kind: 'touched',
      touched: { instanceIds: ['i-one', 'i-three', 'i-two'], groupIds: ['sg-x', 'sg-y'] },
    });
    e.data.requestParameters = { InstanceIds: ['i-four'] };
    expect(parseCloudEvent(e)).toMatchObject({
      kind: 'touched',
      touched: { instanceIds: ['i-four', 'i-one'], groupIds: [] },
    });
  });

  it('requestParameterJson when requestParameters is absent; data itself may come as a JSON string', () => {
    const e = revoke();
    delete e.subject;
    e.data.referencedResources = null;
    delete e.data.requestParameters;
    e.data.requestParameterJson = JSON.stringify({ SecurityGroupId: 'sg-fromjson' });
    expect(parseCloudEvent({ ...e, data: JSON.stringify(e.data) })).toMatchObject({
      kind: 'touched',
      touched: { groupIds: ['sg-fromjson'] },
    });
  });

  it('account from data.userIdentity.accountId and region from data.acsRegion when the envelope lacks them', () => {
    const e = revoke();
    delete e.aliyunaccountid;
    delete e.aliyunoriginalaccountid;
    delete e.aliyunregionid;
    e.subject = e.subject?.replace(ACCOUNT_A_ID, '4444444444444444'); // the subject ARN names the same sender
    (e.data.userIdentity as Record<string, unknown>).accountId = 4444444444444444;
    expect(parseCloudEvent(e)).toMatchObject({
      kind: 'touched',
      touched: { accountId: '4444444444444444', region: R },
    });
  });

  it('a state change: the instance from data.resourceId or the subject when content has none; account from data.userId', () => {
    const e = eventJson<{
      subject: string;
      aliyunaccountid?: string;
      aliyunregionid?: string;
      data: { resourceId?: string; content: Record<string, unknown> };
    }>('state-change-running');
    delete e.data.content.resourceId;
    delete e.aliyunaccountid;
    delete e.aliyunregionid;
    expect(parseCloudEvent(e)).toEqual(touched(13, 'StateChange:Running', ACCOUNT_A_ID, ['i-a2'], []));
    delete e.data.resourceId;
    e.subject = `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-fromsubject`;
    expect(parseCloudEvent(e)).toEqual(touched(13, 'StateChange:Running', ACCOUNT_A_ID, ['i-fromsubject'], []));
  });

  it('errorCode "" and null mean success; anything else is a failed call', () => {
    const e = revoke();
    e.data.errorCode = null;
    expect(parseCloudEvent(e).kind).toBe('touched');
    e.data.errorCode = 'Throttling.User';
    expect(parseCloudEvent(e)).toMatchObject({ kind: 'ignored', ignored: { reason: 'FailedApiCall' } });
  });

  it('garbage IDs are dropped; an event naming nothing usable is ignored', () => {
    const e = revoke();
    delete e.subject;
    e.data.referencedResources = { 'ACS::ECS::SecurityGroup': ['', 'not-an-id', 42] };
    e.data.requestParameters = { SecurityGroupId: 'sg-OK WITH SPACES' };
    expect(parseCloudEvent(e)).toMatchObject({ kind: 'ignored', ignored: { reason: 'NoResources' } });
  });
});

describe('never throws on bad input', () => {
  it.each([
    ['bytes that are not JSON', Buffer.from('not json {'), 'InvalidJson'],
    ['an empty Buffer', Buffer.alloc(0), 'InvalidJson'],
    ['a number', 42, 'NotACloudEvent'],
    ['null', null, 'NotACloudEvent'],
    ['an object without type', { id: 'x', data: {} }, 'NotACloudEvent'],
    ['an ApiCall whose data is not a record', { type: 'ecs:ActionTrail:ApiCall', data: 'hello' }, 'InvalidRecord'],
    ['an ApiCall without eventName', { type: 'ecs:ActionTrail:ApiCall', data: { errorCode: '' } }, 'InvalidRecord'],
    [
      'an ApiCall of an unhandled API',
      { type: 'ecs:ActionTrail:ApiCall', data: { eventName: 'AuthorizeSecurityGroup' } },
      'UnhandledEventName',
    ],
    [
      'an ApiCall without account',
      {
        type: 'ecs:ActionTrail:ApiCall',
        aliyunregionid: R,
        data: { eventName: 'DeleteInstance', requestParameters: { InstanceId: 'i-a1' } },
      },
      'MissingAccount',
    ],
    [
      'an ApiCall without region',
      {
        type: 'ecs:ActionTrail:ApiCall',
        aliyunaccountid: ACCOUNT_A_ID,
        data: { eventName: 'DeleteInstance', requestParameters: { InstanceId: 'i-a1' } },
      },
      'MissingRegion',
    ],
    [
      'a state change with a non-object content',
      { type: 'ecs:Instance:StateChange', data: { content: 'Running' } },
      'InvalidRecord',
    ],
  ])('%s', (_what, input, reason) => {
    const parsed = parseEventBridgeInput(input);
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ kind: 'ignored', ignored: { reason } });
  });

  it('an array item that is an unparsable string', () => {
    expect(parseEventBridgeInput(['{oops'])).toEqual([
      { kind: 'ignored', ignored: { reason: 'InvalidJson', message: 'the event is not JSON' } },
    ]);
  });
});
