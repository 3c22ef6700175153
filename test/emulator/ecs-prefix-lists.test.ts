import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/gateway/server';
import { sdkError } from '../support/clients';
import { authorize, client, rt, rulesOf } from '../support/ecs-calls';
import { ACCOUNT_A_ID, ACCOUNT_B_ID, REGION, WorldBuilder } from '../support/world-builder';

let emu: RunningEmulator;
let ca: Ecs;
let w: WorldBuilder;

beforeEach(async () => {
  emu ??= await startEmulator();
  emu.emulator.reset();
  w = new WorldBuilder(emu.emulator.world);
  ca = client(emu, w.account(ACCOUNT_A_ID));
  w.vpc('vpc-a', ACCOUNT_A_ID).group('sg-a', ACCOUNT_A_ID, 'vpc-a').group('sg-classic', ACCOUNT_A_ID, '');
});
afterAll(() => emu?.close());

async function create(c: Ecs, maxEntries: number, cidrs: string[] = [], name = 'pl-test') {
  const res = await c.createPrefixListWithOptions(
    new $Ecs.CreatePrefixListRequest({
      regionId: REGION,
      prefixListName: name,
      addressFamily: 'IPv4',
      maxEntries,
      entry: cidrs.map((cidr) => new $Ecs.CreatePrefixListRequestEntry({ cidr })),
      tag: [new $Ecs.CreatePrefixListRequestTag({ key: 'sg-pairing:demo', value: 'owned' })],
    }),
    rt,
  );
  return res.body!.prefixListId!;
}

const modify = (c: Ecs, id: string, add: string[], remove: string[] = []) =>
  c.modifyPrefixListWithOptions(
    new $Ecs.ModifyPrefixListRequest({
      regionId: REGION,
      prefixListId: id,
      addEntry: add.map((cidr) => new $Ecs.ModifyPrefixListRequestAddEntry({ cidr })),
      removeEntry: remove.map((cidr) => new $Ecs.ModifyPrefixListRequestRemoveEntry({ cidr })),
    }),
    rt,
  );

const entries = async (c: Ecs, id: string) =>
  (
    await c.describePrefixListAttributesWithOptions(
      new $Ecs.DescribePrefixListAttributesRequest({ regionId: REGION, prefixListId: id }),
      rt,
    )
  ).body!.entries!.entry!.map((e) => e.cidr);

const remove = (c: Ecs, id: string) =>
  c.deletePrefixListWithOptions(new $Ecs.DeletePrefixListRequest({ regionId: REGION, prefixListId: id }), rt);

describe('prefix lists', () => {
  it('keeps entries (a bare address as its /32), refuses more than MaxEntries, and lists by tag', async () => {
    const id = await create(ca, 3, ['10.0.0.5']);
    await modify(ca, id, ['10.0.0.6/32', '10.0.1.0/24'], ['10.0.0.5/32']);
    expect(await entries(ca, id)).toEqual(['10.0.0.6/32', '10.0.1.0/24']);
    const over = await sdkError(modify(ca, id, ['10.0.0.7', '10.0.0.8']));
    expect(over.code).toBe('QuotaExceed.PrefixListEntries');
    expect(await entries(ca, id)).toEqual(['10.0.0.6/32', '10.0.1.0/24']);
    const listed = await ca.describePrefixListsWithOptions(
      new $Ecs.DescribePrefixListsRequest({
        regionId: REGION,
        tag: [new $Ecs.DescribePrefixListsRequestTag({ key: 'sg-pairing:demo', value: 'owned' })],
      }),
      rt,
    );
    expect(listed.body!.prefixLists!.prefixList!.map((l) => [l.prefixListId, l.maxEntries])).toEqual([[id, 3]]);
  });

  it('charges a referencing rule the list MaxEntries of the group room, and refuses deletion while referenced', async () => {
    emu.emulator.world.maxRulesPerGroup = 11;
    const id = await create(ca, 10);
    await authorize(ca, 'sg-a', [{ ipProtocol: 'tcp', portRange: '22/22', sourcePrefixListId: id }]);
    const [rule] = await rulesOf(ca, 'sg-a');
    expect([rule?.sourcePrefixListId, rule?.sourcePrefixListName]).toEqual([id, 'pl-test']);
    await authorize(ca, 'sg-a', [{ ipProtocol: 'tcp', portRange: '80/80', sourceCidrIp: '10.0.0.1' }]);
    const full = await sdkError(
      authorize(ca, 'sg-a', [{ ipProtocol: 'tcp', portRange: '81/82', sourceCidrIp: '10.0.0.1' }]),
    );
    expect(full.code).toBe('AuthorizationLimitExceed');
    expect((await sdkError(remove(ca, id))).code).toBe('NotAllowed.AssociationExist');
    const assoc = await ca.describePrefixListAssociationsWithOptions(
      new $Ecs.DescribePrefixListAssociationsRequest({ regionId: REGION, prefixListId: id }),
      rt,
    );
    expect(assoc.body!.prefixListAssociations!.prefixListAssociation!.map((a) => a.resourceId)).toEqual(['sg-a']);
  });

  it('deletes an unreferenced list; a classic group or another account cannot reference one', async () => {
    const id = await create(ca, 5);
    const classic = await sdkError(
      authorize(ca, 'sg-classic', [{ ipProtocol: 'tcp', portRange: '22/22', sourcePrefixListId: id }]),
    );
    expect(classic.code).toBe('OperationDenied.ClassicNetworkPrefixList');
    w.vpc('vpc-b', ACCOUNT_B_ID).group('sg-b', ACCOUNT_B_ID, 'vpc-b');
    const cb = client(emu, w.account(ACCOUNT_B_ID));
    const other = await sdkError(
      authorize(cb, 'sg-b', [{ ipProtocol: 'tcp', portRange: '22/22', sourcePrefixListId: id }]),
    );
    expect(other.code).toBe('InvalidPrefixListId.NotFound');
    await remove(ca, id);
    expect((await sdkError(remove(ca, id))).code).toBe('InvalidPrefixListId.NotFound');
  });
});
