import { describe, expect, it } from 'vitest';
import {
  collapseByAccount,
  computeScope,
  MAX_IDS_PER_ACCOUNT,
  parseCloudEvent,
  parseEventBridgeInput,
  type TouchedResources,
} from '../../shared/triggers/eventbridge';
import { eventJson } from '../support/event-fixtures';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, HUB_ACCOUNT_ID } from '../support/identities';
import { exampleConfig } from '../support/product';

// The event path against crafted input (issue 18, item 5): nesting capped and items parsed one by
// one, the sender's account fields cross-checked, one account's burst collapsed.

type Event = {
  id: string;
  subject?: string;
  aliyunaccountid?: string;
  aliyunoriginalaccountid?: string;
  data: Record<string, unknown> & { userIdentity: { accountId: string }; requestParameters: Record<string, unknown> };
};
const runInstances = () => eventJson<Event>('run-instances');

/**
 * The bytes of an event whose `requestParameters.InstanceId` nests `depth` lists deep (10,000 is about
 * 20 KB), as a list or as a JSON string; written as text, since JSON.stringify itself cannot go so deep.
 */
function deepEventText(depth: number, asString = false): string {
  const e = runInstances();
  e.id = 'deep-0001';
  e.data.requestParameters.InstanceId = '__DEEP__';
  const nested = `${'['.repeat(depth)}"i-bp1deep0000001"${']'.repeat(depth)}`;
  return JSON.stringify(e).replace('"__DEEP__"', asString ? JSON.stringify(nested) : nested);
}

describe('a resource list nested too deep', () => {
  it.each([
    ['a list', false],
    ['a JSON string', true],
  ])('as %s, 10,000 deep: that item is ignored (NestingTooDeep), the batch’s other items are parsed', (_, asString) => {
    const deep = deepEventText(10_000, asString);
    expect(deep.length).toBeGreaterThan(20_000);
    const parsed = parseEventBridgeInput(Buffer.from(`[${deep},${JSON.stringify(runInstances())}]`));
    expect(parsed).toEqual([
      {
        kind: 'ignored',
        ignored: expect.objectContaining({ reason: 'NestingTooDeep', eventId: 'deep-0001' }),
      },
      { kind: 'touched', touched: expect.objectContaining({ accountId: ACCOUNT_A_ID }) },
    ]);
  });

  it('nesting as real records do (a list in a JSON string in a list) still reads the IDs', () => {
    const e = runInstances();
    e.data.requestParameters.InstanceIds = [JSON.stringify([['i-bp1shallow00001']])];
    expect(parseCloudEvent(e)).toMatchObject({
      kind: 'touched',
      touched: { instanceIds: expect.arrayContaining(['i-bp1shallow00001']) },
    });
  });

  it('an item that throws while read is ignored (UnreadableEvent), the others parsed', () => {
    const hostile = {
      get type(): string {
        throw new Error('boom');
      },
    };
    const parsed = parseEventBridgeInput([hostile, runInstances()]);
    expect(parsed.map((p) => (p.kind === 'ignored' ? p.ignored.reason : 'touched'))).toEqual([
      'UnreadableEvent',
      'touched',
    ]);
  });
});

describe('the sending account', () => {
  it('routed to the hub: the sender from aliyunoriginalaccountid, the hub in aliyunaccountid not compared', () => {
    const e = runInstances();
    e.aliyunaccountid = HUB_ACCOUNT_ID;
    expect(parseCloudEvent(e)).toMatchObject({ kind: 'touched', touched: { accountId: ACCOUNT_A_ID } });
  });

  it('without the original account id: the record’s own account, then aliyunaccountid', () => {
    const e = runInstances();
    delete e.aliyunoriginalaccountid;
    expect(parseCloudEvent(e)).toMatchObject({ kind: 'touched', touched: { accountId: ACCOUNT_A_ID } });
    delete e.subject;
    e.data.userIdentity = {} as never;
    expect(parseCloudEvent(e)).toMatchObject({ kind: 'touched', touched: { accountId: ACCOUNT_A_ID } });
  });

  const disagreeing: [string, (e: Event) => void, Record<string, string>][] = [
    [
      'userIdentity.accountId',
      (e) => (e.data.userIdentity.accountId = ACCOUNT_B_ID),
      { aliyunoriginalaccountid: ACCOUNT_A_ID, 'data.userIdentity.accountId': ACCOUNT_B_ID, subject: ACCOUNT_A_ID },
    ],
    [
      'the subject ARN',
      (e) => (e.subject = `acs:ecs:cn-qingdao:${ACCOUNT_B_ID}:instance/i-bp1new00000001`),
      { aliyunoriginalaccountid: ACCOUNT_A_ID, 'data.userIdentity.accountId': ACCOUNT_A_ID, subject: ACCOUNT_B_ID },
    ],
    [
      'aliyunaccountid of an event not routed',
      (e) => {
        delete e.aliyunoriginalaccountid;
        e.aliyunaccountid = ACCOUNT_B_ID;
      },
      { aliyunaccountid: ACCOUNT_B_ID, 'data.userIdentity.accountId': ACCOUNT_A_ID, subject: ACCOUNT_A_ID },
    ],
  ];
  it.each(disagreeing)('%s disagreeing: ignored (AccountMismatch), the fields named', (_, change, fields) => {
    const e = runInstances();
    change(e);
    expect(parseCloudEvent(e)).toEqual({
      kind: 'ignored',
      ignored: expect.objectContaining({
        reason: 'AccountMismatch',
        fields,
        message: expect.stringContaining('disagree'),
      }),
    });
  });

  it('a state change whose userId disagrees with the original account id is ignored', () => {
    const e = eventJson<{ data: { userId: string } }>('state-change-running');
    e.data.userId = ACCOUNT_B_ID;
    expect(parseCloudEvent(e)).toMatchObject({ kind: 'ignored', ignored: { reason: 'AccountMismatch' } });
  });
});

describe('a burst from one account', () => {
  const t = (accountId: string, n: number, instanceIds: string[], groupIds: string[] = []): TouchedResources => ({
    eventId: `e-${accountId}-${n}`,
    cause: 'ApiCall:TagResources',
    accountId,
    region: 'cn-qingdao',
    instanceIds,
    groupIds,
    groupRulesChanged: false,
  });
  const storm = (count: number) =>
    Array.from({ length: count }, (_, n) => t(ACCOUNT_A_ID, n, [`i-bp1storm${String(n).padStart(6, '0')}`]));

  it('collapses to one entry per account: the union of its IDs, under the cap', () => {
    const out = collapseByAccount([...storm(3), t(ACCOUNT_B_ID, 0, [], ['sg-bp15ed6xe1yxeycg0002'])]);
    expect(out.touched).toHaveLength(2);
    expect(out.touched[0]).toMatchObject({
      accountId: ACCOUNT_A_ID,
      instanceIds: storm(3).map((s) => s.instanceIds[0]),
    });
    expect(out.bursts).toEqual([
      { accountId: ACCOUNT_A_ID, region: 'cn-qingdao', events: 3, resources: 3, wholeAccount: false },
    ]);
  });

  it('over the cap: the whole account is in scope, its IDs dropped, and the other account still matched', () => {
    const other = t(ACCOUNT_B_ID, 0, [], ['sg-bp15ed6xe1yxeycg0002']);
    const out = collapseByAccount([...storm(MAX_IDS_PER_ACCOUNT + 1), other]);
    expect(out.touched).toEqual([
      expect.objectContaining({ accountId: ACCOUNT_A_ID, instanceIds: [], groupIds: [], wholeAccount: true }),
      other,
    ]);
    const scope = computeScope(exampleConfig(), out.touched);
    expect(scope.pairings).toEqual(['app-db', 'web-pair']);
    expect(scope.matches).toContainEqual(
      expect.objectContaining({ accountId: ACCOUNT_B_ID, resource: 'sg-bp15ed6xe1yxeycg0002', via: 'group-side' }),
    );
  });
});
