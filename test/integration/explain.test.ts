import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExplainCommand } from '../../cli/explain-command';
import { runVerifyCommand } from '../../cli/verify-command';
import type { PairingExplanation } from '../../shared/explain';
import type { VerifyReport } from '../../shared/verify';
import { exampleScenario, exampleYaml } from '../support/product';
import { useEmulator } from '../support/use-emulator';

const cloud = useEmulator({ per: 'suite' });
const file = join(mkdtempSync(join(tmpdir(), 'sg-pairing-explain-')), 'pairings.yaml');
writeFileSync(file, exampleYaml());

beforeAll(async () => {
  const scenario = exampleScenario() as { securityGroups: { id: string; rules?: unknown[] }[] };
  scenario.securityGroups.find((g) => g.id === 'sg-a2')!.rules = [
    { ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.0.0.1' },
  ];
  scenario.securityGroups.find((g) => g.id === 'sg-a1')!.rules = [
    { ipProtocol: 'all', portRange: '-1/-1', sourceCidrIp: '10.0.0.2' },
    {
      ipProtocol: 'icmp',
      portRange: '-1/-1',
      sourceCidrIp: '10.0.0.0/16',
      policy: 'drop',
      priority: 1,
      description: 'no ping',
    },
  ];
  await cloud.start(scenario);
  cloud.setEnv({ ...cloud.env(), SG_PAIRING_LOG: undefined });
});
afterEach(() => vi.restoreAllMocks());

function capture(): string[] {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  return out;
}

describe('sg-pairing explain and verify (in-process, against the emulator)', () => {
  it('explain --json: allowed one way, blocked the other by the drop rule it names; exit 2', async () => {
    const out = capture();
    const code = await runExplainCommand(['web-pair', '--config', file, '--json']);
    const e = JSON.parse(out.join('')) as PairingExplanation;

    expect(code).toBe(2);
    expect(e.directions.map((d) => [d.from.instanceId, d.to.instanceId, d.verdict, d.reason])).toEqual([
      ['i-a1', 'i-a2', 'Allowed', 'AcceptRule'],
      ['i-a2', 'i-a1', 'Blocked', 'DropRule'],
    ]);
    expect(e.directions[1].rule).toMatchObject({
      groupId: 'sg-a1',
      priority: 1,
      policy: 'drop',
      protocol: 'icmp',
      source: '10.0.0.0/16',
      description: 'no ping',
      ruleId: expect.stringMatching(/^sgr-/),
    });
    expect(e.prerequisites).toContainEqual(expect.objectContaining({ code: 'SameVpc', status: 'ok' }));
  });

  it('explain prints the deciding rule and the prerequisites; a group pairing without rules is blocked', async () => {
    const out = capture();
    expect(await runExplainCommand(['app-db', '-c', file])).toBe(2);
    const text = out.join('');
    expect(text).toContain('Pairing "app-db" (cn-qingdao), traffic all: NOT allowed everywhere');
    expect(text).toContain('first side i-a3 (10.0.1.3) -> second side i-b1 (10.0.1.4): BLOCKED (NoMatchingRule)');
    expect(text).toContain('[ok] SameVpc: both sides are in vpc-a');
  });

  it('verify probes both ways and exits 2 with the diagnosis of the blocked one', async () => {
    const out = capture();
    const code = await runVerifyCommand([
      'web-pair',
      '--config',
      file,
      '--json',
      '--poll-interval-ms',
      '10',
      '--max-wait-ms',
      '2000',
    ]);
    const report = JSON.parse(out.join('')) as VerifyReport;

    expect(code).toBe(2);
    expect(report.directions.map((d) => [d.status, d.diagnosis?.reason])).toEqual([
      ['Reachable', undefined],
      ['Unreachable', 'DropRule'],
    ]);
  });

  it('refuses an unknown pairing, or none, with exit 1', async () => {
    const out = capture();
    expect(await runExplainCommand(['nope', '-c', file])).toBe(1);
    expect(await runVerifyCommand(['-c', file])).toBe(1);
    expect(out.join('')).toContain('unknown pairing "nope"');
  });
});
