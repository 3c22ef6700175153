import { describe, expect, it } from 'vitest';
import { instanceEventsAgainst } from '../support/instance-events';
import {
  MEMBERS,
  SHARED,
  nameLookups,
  namedFleetDirectory,
  namedFleetScenario,
  namedFleetYaml,
  runInstanceIn,
} from '../support/named-fleet-world';
import { config, ingressRules, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 13: an event batch on a config with a fleet side by securityGroupName looks the name up only
// in the accounts its events concern (every account only when the event is in the fleet pairing's other
// side, which every expansion shares); the full run still looks in every account.
const cloud = useEmulator();
const { start, invoke } = instanceEventsAgainst(cloud);
const M2 = MEMBERS[1];

const jumpRules = (emu: Parameters<typeof ingressRules>[0], group: string) =>
  ingressRules(emu, group).filter((r) => r.description.startsWith('sg-pairing:org:jump--'));

describe("an event batch's group lookups (fleet side by name)", () => {
  it("a member's event: one lookup, in that account (the full run after it: one per account)", async () => {
    const emu = await start(namedFleetScenario, { yaml: namedFleetYaml(), converge: false });
    await namedFleetDirectory(emu);
    const event = await runInstanceIn(emu, M2, 'sg-b2');
    emu.emulator.calls.clear();

    const result = await invoke(event);

    expect(result).toMatchObject({ status: 'Reconciled', pairings: [`jump--${M2}`] });
    expect(result.report).toMatchObject({ ok: true });
    expect(nameLookups(emu)).toEqual([M2]);
    expect(jumpRules(emu, 'sg-b2')).toEqual([expect.objectContaining({ sourceGroupId: 'sg-hub' })]);
    expect(jumpRules(emu, 'sg-b1')).toEqual([]); // not in the event's scope
    emu.emulator.calls.clear();

    const full = await run(config(namedFleetYaml()), runtimeFor(emu));

    expect(full.ok).toBe(true);
    expect(nameLookups(emu)).toEqual([SHARED, ...MEMBERS].sort());
    for (const g of ['sg-b1', 'sg-b2', 'sg-b3']) expect(jumpRules(emu, g)).toHaveLength(1);
    expect(emu.emulator.calls.records.filter((c) => c.action.startsWith('Revoke'))).toEqual([]);
  });

  it("an event in the pairing's other side (the declared account): every account is looked up", async () => {
    const emu = await start(namedFleetScenario, { yaml: namedFleetYaml(), converge: false });
    await namedFleetDirectory(emu);
    const event = await runInstanceIn(emu, SHARED, 'sg-hub');
    emu.emulator.calls.clear();

    const result = await invoke(event);

    expect(result).toMatchObject({ status: 'Reconciled', pairings: MEMBERS.map((m) => `jump--${m}`) });
    expect(nameLookups(emu)).toEqual([SHARED, ...MEMBERS].sort());
    for (const g of ['sg-b1', 'sg-b2', 'sg-b3']) expect(jumpRules(emu, g)).toHaveLength(1);
  });
});
