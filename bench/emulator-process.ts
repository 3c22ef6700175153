import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The emulator in a process of its own, driven through its control API, so a bench measures the
 * product and not the emulator sharing its core.
 */
export interface EmulatorProcess {
  url: string;
  /** CPU time the emulator process has used so far, ms (user + system) */
  cpuMs(): number;
  control(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(options: { callLogLimit?: number } = {}): Promise<EmulatorProcess> {
  const bin = resolve(__dirname, '..', 'bin', 'sg-pairing.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.EMU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.EMU_PROF] : []),
      bin,
      'emulator',
      '--port',
      '0',
      ...(options.callLogLimit ? ['--call-log', String(options.callLogLimit)] : []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((ok, fail) => {
    let seen = '';
    child.stdout!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /listening on (http:\/\/[\d.:]+)/.exec(seen);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`emulator exited with ${code}`)));
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/_emulator/${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    cpuMs: () => processCpuMs(child.pid!),
    control,
    close: () =>
      new Promise<void>((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** utime + stime of a Linux process, from /proc (clock ticks of 10 ms); 0 where /proc is absent */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
