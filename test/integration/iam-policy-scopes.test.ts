// Issue 18.9: the hub's log:PostLogStoreLogs names the deployment's log project (never project/*),
// and `validate` recommends an ExternalId for every account's role.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runIamCommand } from '../../cli/iam-command';
import { runValidateCommand } from '../../cli/validate-command';
import { computeIamPlan, type IamPlan } from '../../shared/iam';
import { setEnv } from '../support/faces';
import { ACCOUNT_A_ID, ACCOUNT_B_ID } from '../support/identities';
import { config, exampleConfig } from '../support/product';

const HUB_ROLE = 'acs:ram::9999999999999999:role/sg-pairing-hub';
const yaml = `version: 1
name: small
region: cn-hangzhou
accounts:
  a: { id: "${ACCOUNT_A_ID}" }
  b: { id: "${ACCOUNT_B_ID}", externalId: "ext-123" }
pairings:
  - name: groups
    between: [{ account: a, securityGroup: sg-a }, { account: b, securityGroup: sg-b }]
`;
const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-scopes-'));
const file = join(dir, 'pairings.yaml');
writeFileSync(file, yaml);

const logGrants = (plan: IamPlan) =>
  plan.hub.permissionPolicy.Statement.filter((s) => s.Action.includes('log:PostLogStoreLogs')).flatMap((s) => [
    ...s.Resource!,
  ]);

/** Runs a command in this process; what it printed on stdout and stderr. */
async function run(command: (argv: string[]) => Promise<number>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    const code = await command(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
afterEach(() => vi.restoreAllMocks());

describe("the hub's log permission", () => {
  it('names the log project (and logstore) given, never project/*', () => {
    const project = computeIamPlan(config(yaml), { hubRoleArn: HUB_ROLE, logProject: 'sg-logs' });
    const store = computeIamPlan(config(yaml), { hubRoleArn: HUB_ROLE, logProject: 'sg-logs', logStore: 'fc-logs' });
    expect(logGrants(project)).toEqual(['acs:log:cn-hangzhou:9999999999999999:project/sg-logs/logstore/*']);
    expect(logGrants(store)).toEqual(['acs:log:cn-hangzhou:9999999999999999:project/sg-logs/logstore/fc-logs']);
    expect(project.warnings.map((w) => w.code)).not.toContain('LogProjectPlaceholder');
  });

  it('without a project: a marked placeholder and a warning, still no project/*', () => {
    const plan = computeIamPlan(exampleConfig(), { hubRoleArn: HUB_ROLE });
    expect(JSON.stringify(plan.hub.permissionPolicy)).not.toContain('project/*');
    expect(logGrants(plan)).toEqual([`acs:log:${plan.region}:9999999999999999:project/<log-project>/logstore/*`]);
    expect(plan.warnings).toContainEqual({
      code: 'LogProjectPlaceholder',
      message: expect.stringContaining('--log-project'),
    });
  });

  it('sg-pairing iam takes --log-project / SG_PAIRING_LOG_PROJECT and refuses a wildcard', async () => {
    const flag = await run(runIamCommand, ['--config', file, '--json', '--log-project', 'sg-logs']);
    const undo = setEnv({ SG_PAIRING_LOG_PROJECT: 'from-env', SG_PAIRING_LOG_STORE: 'fc-logs' });
    const env = await run(runIamCommand, ['--config', file, '--json']).finally(undo);
    const wildcard = await run(runIamCommand, ['--config', file, '--log-project', '*']);
    const storeOnly = await run(runIamCommand, ['--config', file, '--log-store', 'fc-logs']);

    expect(flag.code).toBe(0);
    expect(JSON.stringify(JSON.parse(flag.stdout).hub)).toContain('project/sg-logs/logstore/*');
    expect(JSON.stringify(JSON.parse(env.stdout).hub)).toContain('project/from-env/logstore/fc-logs');
    expect([wildcard.code, wildcard.stdout]).toEqual([1, '']);
    expect(wildcard.stderr).toContain('the log project must be an SLS project name');
    expect([storeOnly.code, storeOnly.stderr]).toEqual([1, 'sg-pairing iam: --log-store needs --log-project\n']);
  });
});

describe('validate recommends an ExternalId for every account role', () => {
  it('warns, naming the account path, for each account without externalId; still valid (exit 0)', async () => {
    const json = await run(runValidateCommand, ['--config', file, '--json']);
    const text = await run(runValidateCommand, ['--config', file]);

    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      diagnostics: [
        {
          severity: 'warning',
          code: 'ExternalIdMissing',
          path: 'accounts.a',
          message: expect.stringContaining('has no externalId'),
        },
        {
          severity: 'warning',
          code: 'DeploymentIdMissing',
          path: 'deploymentId',
          message: expect.stringContaining('has no deploymentId'),
        },
      ],
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^accounts\.a: warning: account "a" \(\d+\) has no externalId/m);
    expect(text.stdout).not.toMatch(/^accounts\.b:/m);
  });
});
