import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCommandScript } from '../../shared/verify';

/**
 * The verify command's script run by a real bash, its parameters pasted in as text the way Cloud
 * Assistant fills `{{name}}` in: a value meant to break out of the script runs nothing.
 */
const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-verify-script-'));
const marker = join(dir, 'injected');
let server: Server;
let openPort = 0;

beforeAll(async () => {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  openPort = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Fills the parameters in as text (as the agent does), writes the script to a file and runs `bash FILE`. */
function runWith(values: { kind: string; host: string; port: string }): Promise<{ code: number; output: string }> {
  const script = verifyCommandScript().replace(/\{\{(\w+)\}\}/g, (_, name: 'kind' | 'host' | 'port') => values[name]);
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  return new Promise((resolve) => {
    execFile('bash', [file], { cwd: dir, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, output: stdout + stderr });
    });
  });
}

describe('the verify command script (real bash)', () => {
  it('connects to the given tcp port: exit 0 when it listens, 1 when it refuses', async () => {
    const open = await runWith({ kind: 'tcp', host: '127.0.0.1', port: String(openPort) });
    server.close();
    const closed = await runWith({ kind: 'tcp', host: '127.0.0.1', port: String(openPort) });

    expect(open.code).toBe(0);
    expect(closed.code).toBe(1);
  });

  it.each([
    ['a quote closing the string', { kind: 'tcp', host: `127.0.0.1' ; touch ${marker} ; '`, port: '22' }],
    ['a command substitution', { kind: 'tcp', host: `$(touch ${marker})`, port: '22' }],
    ['a line break', { kind: 'tcp', host: `127.0.0.1\ntouch ${marker}\n#`, port: '22' }],
    ['a kind that is a command', { kind: `touch ${marker};`, host: '127.0.0.1', port: '22' }],
    ['an empty (missing) parameter', { kind: 'tcp', host: '', port: '22' }],
  ])('refuses %s with exit 2 and runs nothing', async (_, values) => {
    const result = await runWith(values);

    expect(result).toEqual({ code: 2, output: expect.stringContaining('refused probe parameters') });
    expect(existsSync(marker)).toBe(false);
  });

  it('never runs lines pasted in below a valid probe: they are data after exit', async () => {
    const result = await runWith({ kind: 'tcp', host: '127.0.0.1', port: `1\ntouch ${marker}` });

    expect(result.code).toBe(1); // port 1 refuses: the probe ran, and only the probe
    expect(existsSync(marker)).toBe(false);
  });
});
