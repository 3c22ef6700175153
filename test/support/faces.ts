// Helpers for the tests of the local faces (serve, invoke, http-api): the process environment the
// handlers read, and the CLI as a subprocess.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { HUB_CREDENTIALS } from './identities';
import { fixturePath, type HttpFixture } from './event-fixtures';

export const bin = resolve(__dirname, '..', '..', 'bin', 'sg-pairing.js');
export const httpFixture = (name: HttpFixture) => fixturePath('http', name);

/** What the handlers read from the environment, pointed at an emulator with the hub key of the example scenario. */
export function emulatorEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ALIBABA_CLOUD_ACCESS_KEY_ID: HUB_CREDENTIALS.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: HUB_CREDENTIALS.accessKeySecret,
    SG_PAIRING_ECS_ENDPOINT: url,
    SG_PAIRING_VPC_ENDPOINT: url,
    SG_PAIRING_STS_ENDPOINT: url,
    SG_PAIRING_FC_ENDPOINT: url,
    SG_PAIRING_RESOURCEMANAGER_ENDPOINT: url,
    ...extra,
  };
}

/** Sets variables in this process (each test file runs in its own fork); returns the undo. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  return () => apply(before);
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One CLI run as a subprocess (~1-2 s each: keep them few). */
export function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env } },
      (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  output: () => { stdout: string; stderr: string };
  stop: () => Promise<number | null>;
}

/** `sg-pairing serve --port 0` as a subprocess; resolves once it prints its URL. */
export function spawnServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done, fail) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) {
        done({
          url: m[1],
          child,
          output: () => ({ stdout, stderr }),
          stop: () =>
            new Promise((stopped) => {
              if (child.exitCode !== null) return stopped(child.exitCode);
              child.once('exit', (code) => stopped(code));
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => fail(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
}
