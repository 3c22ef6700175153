import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBootstrapCommand } from '../../cli/bootstrap-command';
import { runIamCommand } from '../../cli/iam-command';
import type { RosTemplate } from '../../shared/bootstrap';
import type { IamPlan } from '../../shared/iam';
import { memberDocuments } from '../support/bootstrap-configs';
import { HUB_ACCOUNT_ID } from '../support/identities';

const example = resolve(__dirname, '..', '..', 'examples', 'pairings.yaml');

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

afterEach(() => vi.restoreAllMocks());

describe('sg-pairing bootstrap', () => {
  it("writes member.ros.yaml, hub.ros.yaml and README.md; each declared account's resolved policies are iam --json's", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sg-boot-')), 'ros');
    const io = captured();

    const code = await runBootstrapCommand(['--config', example, '--hub-account', HUB_ACCOUNT_ID, '--out', dir]);
    const iamCode = await runIamCommand([
      '--config',
      example,
      '--json',
      '--hub-role-arn',
      `acs:ram::${HUB_ACCOUNT_ID}:role/sg-pairing-hub`,
    ]);

    expect([code, iamCode]).toEqual([0, 0]);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'hub.ros.yaml', 'member.ros.yaml']);
    const iam = JSON.parse(io.out().slice(io.out().indexOf('{'))) as IamPlan;
    const member = parse(readFileSync(join(dir, 'member.ros.yaml'), 'utf8')) as RosTemplate;
    for (const account of iam.accounts) {
      const docs = memberDocuments(member, account.accountId, iam.region);
      expect({ trust: docs.trustPolicy, permission: docs.permissionPolicy }, account.alias).toEqual({
        trust: account.trustPolicy,
        permission: account.permissionPolicy,
      });
    }
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toContain('aliyun ros CreateStack --RegionId cn-qingdao --StackName sg-pairing-hub');
    expect(readme).toContain('--PermissionModel SERVICE_MANAGED --AutoDeployment.Enabled true');
    expect(readme).toContain('aliyun ros CreateStackInstances');
  });

  it('refuses a missing or malformed hub account and an invalid config, writing nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sg-boot-')), 'ros');
    const bad = join(mkdtempSync(join(tmpdir(), 'sg-boot-')), 'pairings.yaml');
    writeFileSync(bad, 'version: 1\nname: Bad Name\n');
    const io = captured();

    const codes = [
      await runBootstrapCommand(['--config', example, '--out', dir]),
      await runBootstrapCommand(['--config', example, '--hub-account', 'hub', '--out', dir]),
      await runBootstrapCommand(['--config', bad, '--hub-account', HUB_ACCOUNT_ID, '--out', dir]),
    ];

    expect(codes).toEqual([1, 1, 1]);
    expect(io.err()).toContain('--hub-account UID is required');
    expect(io.err()).toContain('--hub-account must be an account UID (digits), got "hub"');
    expect(io.err()).toMatch(/name/);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});
