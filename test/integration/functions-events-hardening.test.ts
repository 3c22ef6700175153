import { describe, expect, it } from 'vitest';
import { eventJson } from '../support/event-fixtures';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { callCounts, ingressRules, revokeWebPairRuleByHand } from '../support/product';
import { instanceEventsAgainst } from '../support/instance-events';
import { useEmulator } from '../support/use-emulator';

// instance-events, the real handler, on crafted input (issue 18, item 5): an item nested 10,000
// deep, account fields that disagree, and one account's burst.
const cloud = useEmulator();
const { start, invoke } = instanceEventsAgainst(cloud);

type Event = Record<string, unknown> & { id: string; subject: string; data: Record<string, unknown> };
const revokeFixture = () => eventJson<Event>('revoke-security-group');
const warnings = () => cloud.logs.lines().filter((l) => l.level === 'warn');

/** a's TagResources of i-a1 and one new instance: `n` distinct instances over a storm */
function tagEvent(n: number): Event {
  const e = eventJson<Event>('run-instances');
  e.id = `storm-${n}`;
  const stormId = `i-bp1storm${String(n).padStart(6, '0')}`;
  e.subject = `acs:ecs:cn-qingdao:${ACCOUNT_A_ID}:instance/i-a1`;
  e.data = {
    ...e.data,
    eventId: e.id,
    eventName: 'TagResources',
    requestParameters: {
      RegionId: 'cn-qingdao',
      ResourceType: 'instance',
      'ResourceId.1': 'i-a1',
      'ResourceId.2': stormId,
    },
    responseElements: { RequestId: 'R' },
    referencedResources: {},
  };
  return e;
}

describe('instance-events on crafted input', () => {
  it('an item nested 10,000 deep is ignored with a warning; the batch’s other event still restores the rule', async () => {
    const emu = await start();
    await revokeWebPairRuleByHand(emu);
    const deep = { ...revokeFixture(), id: 'deep-0001' };
    deep.data = { ...deep.data, requestParameters: { SecurityGroupId: '__DEEP__' } };
    const nested = `${'['.repeat(10_000)}"sg-a1"${']'.repeat(10_000)}`;
    const batch = `[${JSON.stringify(deep).replace('"__DEEP__"', nested)},${JSON.stringify(revokeFixture())}]`;
    expect(batch.length).toBeGreaterThan(20_000);

    const result = await invoke(Buffer.from(batch));

    expect(result).toMatchObject({
      status: 'Reconciled',
      events: 2,
      pairings: ['web-pair'],
      ignored: [expect.objectContaining({ reason: 'NestingTooDeep', eventId: 'deep-0001' })],
      report: { ok: true },
    });
    expect(ingressRules(emu, 'sg-a1')).toEqual([expect.objectContaining({ sourceCidrIp: '10.0.0.2/32' })]);
    expect(warnings()).toEqual([
      expect.objectContaining({ action: 'event', reason: 'NestingTooDeep', eventId: 'deep-0001' }),
    ]);
  });

  it('an event whose account fields disagree is ignored with a warning naming them, and makes no API call', async () => {
    const emu = await start();
    await revokeWebPairRuleByHand(emu);
    emu.emulator.calls.clear();
    const forged = revokeFixture();
    (forged.data.userIdentity as Record<string, unknown>).accountId = ACCOUNT_B_ID;

    const result = await invoke(Buffer.from(JSON.stringify(forged)));

    expect(result).toMatchObject({ status: 'NothingInScope', ignored: [{ reason: 'AccountMismatch' }] });
    expect(callCounts(emu)).toEqual({});
    expect(ingressRules(emu, 'sg-a1')).toEqual([]);
    const [warning] = warnings();
    expect(warning).toMatchObject({
      action: 'event',
      reason: 'AccountMismatch',
      fields: {
        aliyunoriginalaccountid: ACCOUNT_A_ID,
        'data.userIdentity.accountId': ACCOUNT_B_ID,
        subject: ACCOUNT_A_ID,
      },
    });
    expect(JSON.stringify(warning)).not.toMatch(/accessKeyId|LTAI/);
  });

  it('a storm from one account costs what a few of its events cost: the calls do not grow with the events', async () => {
    const emu = await start();
    const storm = (count: number) => [
      ...Array.from({ length: count }, (_, n) => tagEvent(n)),
      eventJson('modify-security-group-rule'), // account b's, in the same batch
    ];
    await invoke(Buffer.from(JSON.stringify(storm(3)))); // warm: sessions and group types cached
    emu.emulator.calls.clear();
    const few = await invoke(Buffer.from(JSON.stringify(storm(3))));
    const fewCalls = callCounts(emu);
    emu.emulator.calls.clear();

    const many = await invoke(Buffer.from(JSON.stringify(storm(1_000))));

    expect(few).toMatchObject({ status: 'Reconciled', pairings: ['app-db', 'web-pair'] });
    expect(many).toMatchObject({
      status: 'Reconciled',
      events: 1_001,
      pairings: ['app-db', 'web-pair'],
      bursts: [{ accountId: ACCOUNT_A_ID, events: 1_000, resources: 1_001, wholeAccount: true }],
      report: { ok: true },
    });
    expect(callCounts(emu)).toEqual(fewCalls);
    expect(Object.values(fewCalls).reduce((a, b) => a + b, 0)).toBeLessThan(20);
  });
});
