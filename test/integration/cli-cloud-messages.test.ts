import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../shared/plan';
import { bin, cli } from '../support/faces';
import { HUB_CREDENTIALS } from '../support/identities';
import { examples } from '../support/product';
import { useEmulator } from '../support/use-emulator';
import { twoVpcScenario, TWO_VPC_YAML } from '../support/two-vpcs';

// Messages that used to mislead: no credentials, an endpoint that never answers, two VPCs.

const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-cli-cloud-'));
const example = join(examples, 'pairings.yaml');
const cloud = useEmulator({ scenario: twoVpcScenario(), per: 'suite' });

describe('sg-pairing CLI: messages about the cloud', () => {
  it('no credentials at all: names the default chain and where it looked; terminal, not "will retry"', async () => {
    const nowhere = {
      HOME: mkdtempSync(join(tmpdir(), 'sg-pairing-no-home-')),
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      SG_PAIRING_STS_ENDPOINT: cloud.url,
      SG_PAIRING_ECS_ENDPOINT: cloud.url,
      SG_PAIRING_VPC_ENDPOINT: cloud.url,
    };
    const [json, text] = await Promise.all([
      cli(['plan', '--config', example, '--json'], nowhere),
      cli(['plan', '--config', example], nowhere),
    ]);

    const plan = JSON.parse(json.stdout) as Plan;
    expect([json.code, text.code]).toEqual([1, 1]);
    expect(plan.pairings.map((p) => [p.status, p.reason, p.retryable])).toEqual([
      ['Failed', 'CredentialsNotFound', false],
      ['Failed', 'CredentialsNotFound', false],
    ]);
    for (const looked of [
      'ALIBABA_CLOUD_ACCESS_KEY_ID',
      '~/.aliyun/config.json',
      '~/.alibabacloud/credentials',
      'ECS instance RAM role',
    ])
      expect(text.stdout).toContain(looked);
    expect(text.stdout).not.toMatch(/ENOTFOUND|will retry|NetworkError/);
  }, 60_000);

  it('an endpoint that never answers: a line on stderr names it after ~2 s instead of silence', async () => {
    const sockets: Socket[] = [];
    const hole = createServer((s) => void sockets.push(s)); // accepts, never answers
    await new Promise<void>((done) => hole.listen(0, '127.0.0.1', done));
    const endpoint = `http://127.0.0.1:${(hole.address() as AddressInfo).port}`;
    const env = { ...cloud.env(), SG_PAIRING_STS_ENDPOINT: endpoint, PATH: process.env.PATH ?? '' };
    const child = spawn(process.execPath, [bin, 'plan', '--config', example], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const stderr = await new Promise<string>((done, fail) => {
        let text = '';
        child.stderr!.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('\n')) done(text);
        });
        child.once('exit', (code) => fail(new Error(`exited ${code} without a word: ${text}`)));
      });
      expect(stderr).toMatch(new RegExp(`^waiting for ${endpoint}: no answer for \\d+ s`));
    } finally {
      child.kill('SIGTERM');
      for (const s of sockets) s.destroy();
      hole.close();
    }
  }, 60_000);

  it('two VPCs: plan warns VpcConnectionNeeded; explain exits 2 with it even where the rules allow', async () => {
    const file = join(dir, 'two-vpcs.yaml');
    writeFileSync(file, TWO_VPC_YAML);
    const env = cloud.env();

    const planned = await cli(['plan', '--config', file, '--json'], env);
    const applied = await cli(['apply', '--config', file], env);
    const [explained, text] = await Promise.all([
      cli(['explain', 'web-db', '--config', file, '--json'], env),
      cli(['explain', 'web-db', '--config', file], env),
    ]);

    const webDb = (JSON.parse(planned.stdout) as Plan).pairings.find((p) => p.name === 'web-db');
    expect(webDb?.warnings.map((w) => w.code)).toContain('VpcConnectionNeeded');
    expect(applied.code).toBe(0);
    const explanation = JSON.parse(explained.stdout);
    expect(explained.code).toBe(2);
    expect(explanation.directions.map((d: { verdict: string }) => d.verdict)).toEqual(['Allowed', 'Allowed']);
    expect(explanation).toMatchObject({
      allowed: false,
      prerequisites: expect.arrayContaining([
        expect.objectContaining({ code: 'VpcConnectionNeeded', status: 'warning', vpcIds: ['vpc-a', 'vpc-b'] }),
      ]),
    });
    expect(text.code).toBe(2);
    expect(text.stdout).toContain('NOT confirmed: the security groups allow every direction');
    expect(text.stdout).toContain('[warning] VpcConnectionNeeded: the sides are in different VPCs, vpc-a and vpc-b');
    expect(text.stdout + applied.stdout).not.toContain(HUB_CREDENTIALS.accessKeySecret);
  }, 60_000);
});
