import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand, type CommandIo } from '../../cli/emulator-command';
import { ACCOUNT_A_CREDENTIALS, visibleGroups } from '../support/emulator-platform-fixture';

// `sg-pairing emulator`: in-process through its exported function, and as a real process.

function captureIo(
  signal?: AbortSignal,
): CommandIo & { lines: string[]; errors: string[]; listening: Promise<string> } {
  const lines: string[] = [];
  const errors: string[] = [];
  let found!: (url: string) => void;
  const listening = new Promise<string>((resolve) => (found = resolve));
  return {
    lines,
    errors,
    listening,
    signal,
    out: (line) => {
      lines.push(line);
      const m = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      if (m) found(m[1]);
    },
    err: (line) => errors.push(line),
  };
}

describe('emulator platform: CLI command', () => {
  it('serves the scenario until stopped, then exits 0', async () => {
    const stop = new AbortController();
    const io = captureIo(stop.signal);
    const exit = runEmulatorCommand(['--port', '0', '--scenario', 'examples/seed-scenario.yaml'], io);
    const url = await io.listening;
    const groups = await visibleGroups(url, ACCOUNT_A_CREDENTIALS);
    stop.abort();
    expect([await exit, groups.length, io.lines.at(-1)]).toEqual([0, 3, 'emulator stopped']);
  });

  it('prints help', async () => {
    const io = captureIo();
    expect(await runEmulatorCommand(['--help'], io)).toBe(0);
    expect(io.lines.join('\n')).toContain(
      'Usage: sg-pairing emulator [--port N] [--scenario file.yaml] [--push-url URL]',
    );
  });

  it.each([
    [['--port', 'abc'], 1, '--port'],
    [['--bogus'], 1, 'unknown option --bogus'],
    [['--push-url', 'not a url'], 1, '--push-url'],
    [['--scenario', 'test/no-such-file.yaml'], 1, 'cannot read test/no-such-file.yaml'],
  ])('refuses %j with exit code %i', async (argv, code, message) => {
    const io = captureIo();
    expect(await runEmulatorCommand(argv, io)).toBe(code);
    expect(io.errors.join('\n')).toContain(message);
  });

  it('reports every problem of an invalid scenario file with its path', async () => {
    const io = captureIo();
    expect(await runEmulatorCommand(['--scenario', 'package.json'], io)).toBe(1);
    expect(io.errors.join('\n')).toMatch(/invalid package\.json:\n {2}name: unknown key/);
  });

  it('starts as a process in under 2 s of work and stops cleanly on SIGTERM', async () => {
    // The child reports the CPU it spent until listening: wall time on a shared 2-vCPU box running
    // the whole suite in parallel measures the neighbours, CPU time measures the start-up itself.
    const script = [
      "const { runEmulatorCommand } = require('./cli/emulator-command.ts');",
      'const io = { err: (l) => process.stderr.write(l + "\\n"), out: (l) => { const c = process.cpuUsage();',
      '  process.stdout.write(`${l} cpuMs=${Math.round((c.user + c.system) / 1000)} wallMs=${Math.round(performance.now())}\\n`); } };',
      'runEmulatorCommand(process.argv.slice(1), io).then((code) => { process.exitCode = code; });',
    ].join('\n');
    const child = spawn(
      process.execPath,
      ['-r', 'tsx/cjs', '-e', script, '--', '--port', '0', '--scenario', 'examples/seed-scenario.yaml'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    const started = await new Promise<{ url: string; cpuMs: number; wallMs: number }>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+) cpuMs=(\d+) wallMs=(\d+)/.exec(stdout);
        if (m) resolve({ url: m[1], cpuMs: Number(m[2]), wallMs: Number(m[3]) });
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
    });
    const groups = await visibleGroups(started.url, ACCOUNT_A_CREDENTIALS);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect([await exited, groups.length]).toEqual([0, 3]);
    expect(started.cpuMs).toBeLessThan(2_000);
  });
});
