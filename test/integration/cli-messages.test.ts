import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples } from '../support/product';
import { cli } from '../support/faces';

// What a new user meets before any cloud call: the version, help, a mistyped option, a missing or
// invalid file. All of it in the CLI's own words, never Node's, exit 1 for every usage error.

const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-cli-messages-'));
const example = join(examples, 'pairings.yaml');
const noCloud = {}; // nothing here reaches a cloud: no credentials, no endpoints
const nodeWords = /ENOENT|Unknown option|To specify a positional argument|argument missing/;

describe('sg-pairing CLI: messages before any cloud call', () => {
  it('--version prints the package version; help <command> is <command> --help', async () => {
    const { version } = JSON.parse(readFileSync(resolve(__dirname, '..', '..', 'package.json'), 'utf8'));
    const printed = await cli(['--version'], noCloud);
    const [viaHelp, viaFlag] = await Promise.all([
      cli(['help', 'explain'], noCloud),
      cli(['explain', '--help'], noCloud),
    ]);
    const unknown = await cli(['help', 'frobnicate'], noCloud);

    expect([printed.code, printed.stdout]).toEqual([0, `sg-pairing ${version}\n`]);
    expect([viaHelp.code, viaHelp.stdout]).toEqual([0, viaFlag.stdout]);
    expect(viaHelp.stdout).toContain('Usage: sg-pairing explain PAIRING');
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('unknown command "frobnicate"')]);
  }, 60_000);

  it.each([
    [['plan', '--confg', 'x'], 'sg-pairing plan: unknown option --confg (did you mean --config?)'],
    [['apply', '-c'], 'sg-pairing apply: --config needs a value'],
    [['validate', '--json=yes'], 'sg-pairing validate: --json takes no value'],
    [['plan', 'web-pair'], 'sg-pairing plan: unexpected argument "web-pair"'],
    [['emulator', '--bogus'], 'sg-pairing emulator: unknown option --bogus'],
  ])(
    'refuses %j in its own words with exit 1',
    async (argv, message) => {
      const r = await cli(argv, noCloud);
      expect([r.code, r.stdout]).toEqual([1, '']);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(nodeWords);
    },
    60_000,
  );

  it('a missing pairings file is "no such file", on stderr or as a JSON error object with --json', async () => {
    const missing = join(dir, 'nope.yaml');
    const text = await cli(['validate', '--config', missing], noCloud);
    const json = await cli(['plan', '--config', missing, '--json'], noCloud);

    expect([text.code, text.stderr]).toEqual([
      1,
      `sg-pairing validate: cannot read the pairings file ${missing}: no such file\n`,
    ]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      error: { code: 'ConfigUnreadable', message: `cannot read the pairings file ${missing}: no such file` },
      diagnostics: [],
    });
    expect(text.stderr + json.stdout + json.stderr).not.toMatch(nodeWords);
  }, 60_000);

  it('--json prints a JSON error object with every diagnostic on stdout when the config is invalid', async () => {
    const file = join(dir, 'invalid.yaml');
    writeFileSync(file, readFileSync(example, 'utf8').replace('protocol: all', 'protocl: all'));
    const commands = [['plan'], ['apply'], ['explain', 'web-pair'], ['iam'], ['validate']];
    const runs = await Promise.all(commands.map((command) => cli([...command, '--config', file, '--json'], noCloud)));
    runs.forEach((r, i) => {
      expect(r.code, commands[i][0]).toBe(1);
      expect(JSON.parse(r.stdout), commands[i][0]).toMatchObject({
        ok: false,
        error: { code: 'ConfigInvalid', message: `${file}: invalid configuration` },
        diagnostics: [expect.objectContaining({ severity: 'error', path: expect.stringMatching(/\.protocl$/) })],
      });
    });
  }, 60_000);

  it('validate --pairing nope fails like plan --pairing nope: exit 1, the same words', async () => {
    const [validate, plan] = await Promise.all([
      cli(['validate', '--config', example, '--pairing', 'nope'], noCloud),
      cli(['plan', '--config', example, '--pairing', 'nope'], noCloud),
    ]);
    const known = 'unknown pairing "nope"; known: app-db, web-pair\n';
    expect([validate.code, validate.stderr]).toEqual([1, `sg-pairing validate: ${known}`]);
    expect([plan.code, plan.stderr]).toEqual([1, `sg-pairing plan: ${known}`]);
    const named = await cli(['validate', '--config', example, '--pairing', 'web-pair'], noCloud);
    expect([named.code, named.stdout]).toEqual([0, expect.stringContaining('1 of 2 pairing(s)')]);
  }, 60_000);

  it('groups repeated identical diagnostics: "… and 249 more"', async () => {
    const pairings = Array.from(
      { length: 250 },
      (_, i) =>
        `  - name: p${i}\n    between: [{ account: a, instance: i-a${i} }, { account: a, instance: i-b${i} }]\n    protocl: tcp\n`,
    );
    const file = join(dir, 'many.yaml');
    writeFileSync(
      file,
      `version: 1\nname: x\nregion: cn-qingdao\nroleName: r\naccounts: { a: { id: "1111111111111111" } }\npairings:\n${pairings.join('')}`,
    );

    const r = await cli(['validate', '--config', file], noCloud);
    const json = await cli(['validate', '--config', file, '--json'], noCloud);

    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `sg-pairing validate: ${file}: invalid configuration`,
      'pairings[0].protocl: unknown key "protocl"',
      '  … and 249 more (pairings[1].protocl, pairings[2].protocl, pairings[3].protocl, …)',
    ]);
    expect(JSON.parse(json.stdout).diagnostics).toHaveLength(250);
  }, 60_000);
});
