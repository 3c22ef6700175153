import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExplainCommand } from '../../cli/explain-command';
import { runVerifyCommand } from '../../cli/verify-command';
import type { PairingExplanation } from '../../shared/explain';
import type { VerifyReport } from '../../shared/verify';
import { MEMBERS, namedFleetDirectory, namedFleetScenario, namedFleetYaml } from '../support/named-fleet-world';
import { config, run, runtimeFor } from '../support/product';
import { useEmulator } from '../support/use-emulator';

// Issue 13: explain and verify take a fleet pairing's expansions by the names plan shows
// (`<pairing>--<account id>`), and the fleet pairing's own name for all of them.
const cloud = useEmulator({ per: 'suite' });
const file = join(mkdtempSync(join(tmpdir(), 'sg-pairing-fleet-names-')), 'pairings.yaml');
writeFileSync(file, namedFleetYaml());
const [M1, M2] = MEMBERS;

beforeAll(async () => {
  const emu = await cloud.start(namedFleetScenario);
  await namedFleetDirectory(emu);
  expect((await run(config(namedFleetYaml()), runtimeFor(emu))).ok).toBe(true);
  cloud.setEnv({ ...cloud.env(), SG_PAIRING_LOG: undefined });
});
afterEach(() => vi.restoreAllMocks());

function capture(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  return { out, err };
}

const hubToBastion = (e: PairingExplanation) =>
  e.directions.map((d) => [d.from.instanceId, d.to.instanceId, d.verdict]);

describe('explain and verify by the names of a fleet pairing', () => {
  it("explain <pairing>--<uid>: that account's expansion, allowed", async () => {
    const { out } = capture();
    const code = await runExplainCommand([`jump--${M1}`, '--config', file, '--json']);
    const e = JSON.parse(out.join('')) as PairingExplanation;

    expect(code).toBe(0);
    expect(e.pairing).toBe(`jump--${M1}`);
    expect(hubToBastion(e)).toEqual([['i-hub', 'i-b1', 'Allowed']]);
  });

  it('explain <pairing>: every expansion, one explanation each', async () => {
    const { out } = capture();
    const code = await runExplainCommand(['jump', '--config', file, '--json']);
    const all = JSON.parse(out.join('')) as PairingExplanation[];

    expect(code).toBe(0);
    expect(all.map((e) => e.pairing)).toEqual(MEMBERS.map((m) => `jump--${m}`));
    expect(all.map(hubToBastion)).toEqual(['1', '2', '3'].map((n) => [['i-hub', `i-b${n}`, 'Allowed']]));
  });

  it('verify <pairing>--<uid>: probes that expansion', async () => {
    const { out } = capture();
    const code = await runVerifyCommand([`jump--${M2}`, '--config', file, '--json', '--poll-interval-ms', '1']);
    const report = JSON.parse(out.join('')) as VerifyReport;

    expect(report.pairing).toBe(`jump--${M2}`);
    expect(report.directions.map((d) => [d.status])).toEqual([['Reachable']]);
    expect(code).toBe(0);
  });

  it('an account the fleet did not expand to, or an unknown name: exit 1, naming PAIRING', async () => {
    const { err } = capture();
    const stranger = '5000000000000009';

    expect(await runExplainCommand([`jump--${stranger}`, '-c', file])).toBe(1);
    expect(await runVerifyCommand(['jumps', '-c', file])).toBe(1);
    expect(err.join('')).toContain(
      `PAIRING "jump--${stranger}": fleet pairing "jump" did not expand to account ${stranger} (it expanded to`,
    );
    expect(err.join('')).toContain('PAIRING: unknown pairing "jumps"');
  });
});
