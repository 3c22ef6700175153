import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PlanSchema } from '../../shared/plan';
import { examples, exampleScenario } from '../support/product';
import { ACCOUNT_A_ID, HUB_CREDENTIALS } from '../support/identities';
import { useEmulator } from '../support/use-emulator';

const bin = resolve(__dirname, '..', '..', 'bin', 'sg-pairing.js');
let dir: string;

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      {
        env: {
          PATH: process.env.PATH,
          ALIBABA_CLOUD_ACCESS_KEY_ID: HUB_CREDENTIALS.accessKeyId,
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: HUB_CREDENTIALS.accessKeySecret,
          SG_PAIRING_ECS_ENDPOINT: cloud.url,
          SG_PAIRING_VPC_ENDPOINT: cloud.url,
          SG_PAIRING_STS_ENDPOINT: cloud.url,
          NO_COLOR: '1',
          ...env,
        },
      },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const cloud = useEmulator({ scenario: exampleScenario(), per: 'suite' });
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-pairing-cli-'));
});

describe('sg-pairing CLI', () => {
  it('validate reports every problem with its path and exits 1', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'version: 1\nname: x\nregion: cn-qingdao\nroleName: r\naccounts: { a: { id: "1" } }\npairings:\n  - name: p\n    between: [{ account: c, securityGroup: sg-1 }, { account: a, securityGroup: sg-2 }]\n    protocl: tcp\n',
    );
    const r = await cli(['validate', '--config', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pairings[0].between[0].account');
    expect(r.stderr).toContain('pairings[0].protocl');
  });

  it('plan exits 2 while changes are pending, apply exits 0, then plan exits 0', async () => {
    const config = join(examples, 'pairings.yaml');
    const before = await cli(['plan', '--config', config, '--detailed-exitcode']);
    expect(before.code).toBe(2);
    expect(before.stdout).toContain('4 rule(s) to add');

    const applied = await cli(['apply', '--config', config]);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/changed, 0 in sync, 0 blocked, 0 failed; rules 4 added, 0 revoked, 0 failed/);

    const after = await cli(['plan', '--config', config, '--detailed-exitcode', '--json']);
    expect(after.code).toBe(0);
    const plan = PlanSchema.parse(JSON.parse(after.stdout));
    expect(plan.counts).toMatchObject({ rulesToAdd: 0, inSync: 2 });
  });

  it('apply exits 1 and says why when an account cannot be assumed', async () => {
    const file = join(dir, 'denied.yaml');
    writeFileSync(
      file,
      `version: 1\nname: demo\nregion: cn-qingdao\nroleName: sg-pairing\naccounts: { a: { id: "${ACCOUNT_A_ID}", roleArn: "acs:ram::${ACCOUNT_A_ID}:role/missing" } }\npairings:\n  - name: web-pair\n    between: [{ account: a, instance: i-a1 }, { account: a, instance: i-a2 }]\n`,
    );
    const r = await cli(['apply', '--config', file, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.pairings[0]).toMatchObject({ name: 'web-pair', status: 'Failed', reason: 'AccessDenied' });
    expect(r.stdout + r.stderr).not.toContain(HUB_CREDENTIALS.accessKeySecret);
  });

  it('answers --help everywhere and refuses unknown commands and flags', async () => {
    for (const command of ['validate', 'plan', 'apply', 'demo', 'emulator']) {
      const r = await cli([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain(`sg-pairing ${command}`);
    }
    expect((await cli(['frobnicate'])).code).toBe(1);
    const unknownFlag = await cli(['plan', '--confg', 'x']);
    expect(unknownFlag.code).toBe(1);
    expect(unknownFlag.stderr).toContain('--confg');
  });
});
