import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../support/emulator-access';
import { cli, emulatorEnv } from '../support/faces';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { config, run, runtimeFor } from '../support/product';
import { ruleLines, twoVpcScenario, TWO_VPC_YAML } from '../support/two-vpcs';
import { useEmulator } from '../support/use-emulator';

// A member of account a must not choose what account b's group opens: its address is admitted only
// in the private (or declared) ranges and within its VPC's CIDR blocks, read through the real VPC
// SDK (DescribeVpcs) from the emulator.

const cloud = useEmulator();

const cache = (ip: string) => `TCP 6379/6379 ${ip}/32 p1 sg-pairing:demo:cache`;
const webDb = (ip: string) => `TCP 5432/5432 ${ip}/32 p1 sg-pairing:demo:web-db`;

/** vpc-a with a custom public block and a shared-space one; members tagged role=cache in each, and one private. */
function scenario(vpcA: Record<string, unknown> = {}): Record<string, unknown> {
  const s = twoVpcScenario() as { vpcs: Record<string, unknown>[]; instances: Record<string, unknown>[] };
  s.vpcs[0] = { ...s.vpcs[0], secondaryCidrs: ['8.8.8.0/24', '100.64.5.0/24'], ...vpcA };
  const member = (id: string, privateIp: string) => ({
    id,
    owner: ACCOUNT_A_ID,
    vpc: 'vpc-a',
    privateIp,
    securityGroups: ['sg-web'],
    tags: { role: 'cache' },
  });
  s.instances.push(member('i-cache1', '10.0.0.20'), member('i-public', '8.8.8.8'), member('i-shared', '100.64.5.5'));
  return s;
}

/** The cache pairing's AddressNotAllowed warnings (its VpcConnectionNeeded warning is another matter). */
const refusals = (report: Awaited<ReturnType<typeof run>>) =>
  report.plan.pairings.find((p) => p.name === 'cache')!.warnings.filter((w) => w.code === 'AddressNotAllowed');

describe('member addresses: a member does not choose the /32 opened in a peer group', () => {
  it('a tagged instance at 8.8.8.8 in account a is refused and reported; the private members still get their rules in b', async () => {
    const e = await cloud.start(scenario());

    const report = await run(config(TWO_VPC_YAML), runtimeFor(e));

    expect(refusals(report)).toEqual([
      {
        code: 'AddressNotAllowed',
        accountId: ACCOUNT_A_ID,
        message: expect.stringMatching(/8\.8\.8\.8 of instance i-public in account 1111111111111111 lies outside/),
      },
    ]);
    expect(ruleLines(e, 'sg-db')).toEqual([
      webDb('10.0.0.10'),
      webDb('10.0.0.20'),
      webDb('100.64.5.5'),
      cache('10.0.0.20'),
      cache('100.64.5.5'),
    ]);
    expect(JSON.stringify(ruleLines(e, 'sg-db'))).not.toContain('8.8.8.8');
    expect(report.ok).toBe(true);
  });

  it('the VPC read goes through the real VPC SDK (DescribeVpcs as the member account), once per process while fresh', async () => {
    const e = await cloud.start(scenario());
    const runtime = runtimeFor(e);

    await run(config(TWO_VPC_YAML), runtime);
    const reads = () => e.emulator.calls.records.filter((c) => c.action === 'DescribeVpcs');
    expect(reads().map((c) => [c.account, c.status, c.params.VpcId, c.params.RegionId, c.params.PageSize])).toEqual([
      [ACCOUNT_A_ID, 200, 'vpc-a', 'cn-qingdao', '50'],
      [ACCOUNT_B_ID, 200, 'vpc-b', 'cn-qingdao', '50'],
    ]);
    await run(config(TWO_VPC_YAML), runtime);
    expect(reads()).toHaveLength(2);
  });

  it('an address outside its VPC CIDR blocks (as DescribeVpcs answers them) is refused, and its rule revoked', async () => {
    const e = await cloud.start(scenario());
    await run(config(TWO_VPC_YAML), runtimeFor(e));
    expect(ruleLines(e, 'sg-db')).toContain(cache('100.64.5.5'));

    e.emulator.world.vpcs.get('vpc-a')!.secondaryCidrs = ['8.8.8.0/24'];
    const report = await run(config(TWO_VPC_YAML), runtimeFor(e));

    const refused = refusals(report).filter((w) => w.message.includes('i-shared'));
    expect(refused).toEqual([
      {
        code: 'AddressNotAllowed',
        accountId: ACCOUNT_A_ID,
        message: expect.stringContaining('outside the CIDR blocks of its VPC vpc-a (10.0.0.0/16, 8.8.8.0/24)'),
      },
    ]);
    expect(ruleLines(e, 'sg-db')).not.toContain(cache('100.64.5.5'));
    expect(ruleLines(e, 'sg-db')).toContain(cache('10.0.0.20'));
  });

  it('a range the config declares for the account admits a non-RFC 1918 address within the VPC', async () => {
    const e = await cloud.start(scenario());
    const yaml = TWO_VPC_YAML.replace(
      `a: { id: "${ACCOUNT_A_ID}" }`,
      `a: { id: "${ACCOUNT_A_ID}", allowedMemberRanges: [8.8.8.0/24] }`,
    );

    const report = await run(config(yaml), runtimeFor(e));

    expect(refusals(report)).toEqual([]);
    expect(ruleLines(e, 'sg-db')).toContain(cache('8.8.8.8'));
  });

  it('a member account that may not read its VPCs fails its pairings (Forbidden.RAM); nothing is opened for its members', async () => {
    const s = scenario() as { accounts: { id: string; roles?: Record<string, unknown>[] }[] };
    const a = s.accounts.find((x) => x.id === ACCOUNT_A_ID)!;
    a.roles = [
      {
        ...a.roles![0],
        policy: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ecs:*'], Resource: ['*'] }] },
      },
    ];
    const e = await cloud.start(s);

    const report = await run(config(TWO_VPC_YAML), runtimeFor(e));

    expect(report.pairings.map((p) => [p.name, p.status, p.reason])).toEqual([
      ['cache', 'Failed', 'Forbidden.RAM'],
      ['web-db', 'Failed', 'Forbidden.RAM'],
    ]);
    expect(ruleLines(e, 'sg-db')).toEqual([]);
  });

  it('sg-pairing plan shows the refused address (the member and its account) and writes nothing', async () => {
    const e: RunningEmulator = await cloud.start(scenario());
    const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-address-'));
    writeFileSync(join(dir, 'pairings.yaml'), TWO_VPC_YAML);

    const out = await cli(['plan', '--config', join(dir, 'pairings.yaml')], emulatorEnv(e.url));

    expect(out.stdout).toMatch(
      /warning AddressNotAllowed: address 8\.8\.8\.8 of instance i-public in account 1111111111111111 .*not opened/,
    );
    expect(e.emulator.calls.records.filter((c) => c.action === 'AuthorizeSecurityGroup')).toEqual([]);
  });
});
