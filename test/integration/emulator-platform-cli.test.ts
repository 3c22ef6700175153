import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runEmulatorCommand, type CommandIo } from '../../cli/emulator-command';
import { aCreds, visibleGroups } from '../support/emulator-platform-fixture';

// `sg-pairing emulator`: in-process through its exported function, and as a real process.

function captureIo(signal?: AbortSignal): CommandIo & { lines: string[]; errors: string[]; listening: Promise<string> } {
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
    const groups = await visibleGroups(url, aCreds);
    stop.abort();
    expect([await exit, groups.length, io.lines.at(-1)]).toEqual([0, 3, 'emulator stopped']);
  });

  it('prints help', async () => {
    const io = captureIo();
    expect(await runEmulatorCommand(['--help'], io)).toBe(0);
    expect(io.lines.join('\n')).toContain('Usage: sg-pairing emulator [--port N] [--scenario file.yaml] [--push-url URL]');
  });

  it.each([
    [['--port', 'abc'], 2, '--port'],
    [['--bogus'], 2, "Unknown option '--bogus'"],
    [['--push-url', 'not a url'], 2, '--push-url'],
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

  it('starts as a process in under 2 s and stops cleanly on SIGTERM', async () => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['-r', 'tsx/cjs', '-e', "require('./cli/emulator-command.ts').runEmulatorCommand(process.argv.slice(1)).then((c) => { process.exitCode = c; })", '--', '--port', '0', '--scenario', 'examples/seed-scenario.yaml'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        stdout += c.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
        if (m) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
    });
    const startup = Date.now() - started;
    const groups = await visibleGroups(url, aCreds);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect([await exited, groups.length]).toEqual([0, 3]);
    expect(startup).toBeLessThan(2_000);
  });
});
