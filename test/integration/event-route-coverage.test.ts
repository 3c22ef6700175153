import { describe, expect, it } from 'vitest';
import { computeBootstrap } from '../../shared/bootstrap';
import { HUB_ACCOUNT_ID } from '../support/identities';
import { instanceEventsAgainst } from '../support/instance-events';
import {
  MEMBERS,
  SHARED,
  namedFleetDirectory,
  namedFleetScenario,
  namedFleetYaml,
  runInstanceIn,
} from '../support/named-fleet-world';
import { config, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 13: EventBridge's cross-account route trusts each sender by UID (no documented directory-wide
// trust), so the hub's delivery role trusts the declared accounts. A full run names, with
// EventRouteUntrusted, each discovered account whose routed events that role refuses; the sweep pairs it.
const cloud = useEmulator();
const { start, invoke, steps } = instanceEventsAgainst(cloud);
const [M1, M2, M3] = MEMBERS;
const declaringM1 = `  m1: { id: "${M1}" }\n`;
const routeWarnings = (warnings: readonly { code: string; accounts?: readonly string[] }[] = []) =>
  warnings.filter((w) => w.code === 'EventRouteUntrusted').flatMap((w) => w.accounts ?? []);

describe('the event route covers the declared accounts; a full run names the discovered others', () => {
  it('a full run warns once, naming each discovered account not declared; declared, it is not named', async () => {
    const emu = await cloud.start(namedFleetScenario);
    await namedFleetDirectory(emu);

    const first = await run(config(namedFleetYaml()), runtimeFor(emu));
    const declared = await run(config(namedFleetYaml(declaringM1)), runtimeFor(emu));

    expect(first.ok).toBe(true);
    expect(routeWarnings(first.directory?.warnings)).toEqual([M1, M2, M3]);
    // one warning for all of them, naming each
    expect(first.directory?.warnings.filter((w) => w.code === 'EventRouteUntrusted')).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          new RegExp(`^3 discovered accounts, ${M1} .*${M2} .*${M3} .*bootstrap.*UpdateStack`),
        ),
      }),
    ]);
    expect(declared.ok).toBe(true);
    expect(routeWarnings(declared.directory?.warnings)).toEqual([M2, M3]);
  });

  it('what the product counts as covered is what the hub template trusts', () => {
    const bootstrap = computeBootstrap(config(namedFleetYaml(declaringM1)), { hubAccountId: HUB_ACCOUNT_ID });
    const role = bootstrap.hub.Resources.EventDeliveryRole?.Properties as {
      AssumeRolePolicyDocument: { Statement: { Principal: { RAM: string[]; Service: string[] } }[] };
    };
    const principal = role.AssumeRolePolicyDocument.Statement[0]!.Principal;

    expect([...principal.RAM].sort()).toEqual([`acs:ram::${M1}:root`, `acs:ram::${SHARED}:root`].sort());
    expect([...principal.Service].sort()).toEqual(
      [`${M1}@eventbridge.aliyuncs.com`, `${SHARED}@eventbridge.aliyuncs.com`].sort(),
    );
    expect(bootstrap.hub.Outputs?.EventRouteAccounts).toMatchObject({
      Value: expect.stringMatching(new RegExp(`^(${M1},${SHARED}|${SHARED},${M1})$`)),
    });
  });

  it("an event batch does not warn (the full run does); a discovered account's routed event still reconciles it", async () => {
    const emu = await start(namedFleetScenario, { yaml: namedFleetYaml(), converge: false });
    await namedFleetDirectory(emu);

    const result = await invoke(await runInstanceIn(emu, M3, 'sg-b3'));

    expect(result).toMatchObject({ status: 'Reconciled', pairings: [`jump--${M3}`] });
    expect(steps('directory').filter((l) => l.result === 'EventRouteUntrusted')).toEqual([]);
  });
});
