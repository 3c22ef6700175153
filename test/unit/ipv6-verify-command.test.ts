import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AssistantPort } from '../../shared/cloud/port';
import { ensureVerifyCommand, probeParameters, probeScript, verifyCommandScript } from '../../shared/verify';

// Issue 16 item 1: the fixed verify command takes an IPv6 host, strictly (a security boundary: docs/security.md).

const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-verify-ipv6-'));
const marker = join(dir, 'injected');
const tcp = { kind: 'tcp' as const, port: 22, timeoutSeconds: 3 };
const icmp = { kind: 'icmp' as const, count: 3 };

/** Runs the script in a real bash with the parameters pasted in as text and `ping` a stub that prints its arguments. */
function runWith(values: { kind: string; host: string; port: string }): Promise<{ code: number; output: string }> {
  const script = verifyCommandScript().replace(/\{\{(\w+)\}\}/g, (_, name: 'kind' | 'host' | 'port') => values[name]);
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(file, script);
  writeFileSync(join(dir, 'ping'), '#!/bin/sh\necho "ping $*"\n', { mode: 0o755 });
  return new Promise((resolve) => {
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` };
    execFile('bash', [file], { cwd: dir, env, timeout: 10_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, output: stdout + stderr });
    });
  });
}

describe('the verify command over IPv6', () => {
  it('sends an IPv6 host in its canonical RFC 5952 text, and refuses anything not a parsed address', () => {
    expect(probeParameters(tcp, '2001:DB8:0:0::9')).toEqual({ kind: 'tcp', host: '2001:db8::9', port: '22' });
    expect(probeParameters(icmp, '10.0.0.9')).toEqual({ kind: 'icmp', host: '10.0.0.9', port: '0' });
    for (const bad of ['2001:db8::9; touch x', '$(id)', '2001:db8::9/64', 'fe80::1%eth0', '10.0.0.9 ', 'host'])
      expect(() => probeParameters(tcp, bad)).toThrow(expect.objectContaining({ code: 'InvalidProbeHost' }));
  });

  it('pings an IPv6 host with ping -6 (an IPv4 one without it)', async () => {
    const six = await runWith({ kind: 'icmp', host: '2001:db8::9', port: '0' });
    const four = await runWith({ kind: 'icmp', host: '10.0.0.9', port: '0' });

    expect(six).toEqual({ code: 0, output: 'ping -6 -c 3 -W 2 2001:db8::9\n' });
    expect(four).toEqual({ code: 0, output: 'ping -c 3 -W 2 10.0.0.9\n' });
    expect(probeScript(icmp, '2001:db8::9')).toBe('ping -6 -c 3 -W 2 2001:db8::9');
  });

  it.each([
    ['a command after an IPv6 address', { kind: 'tcp', host: `2001:db8::9;touch ${marker}`, port: '22' }],
    ['a substitution inside one', { kind: 'icmp', host: `2001:db8::$(touch ${marker})`, port: '0' }],
    ['a zone index', { kind: 'icmp', host: `fe80::1%eth0`, port: '0' }],
    ['upper-case or non-hex text', { kind: 'icmp', host: '2001:DB8::Z', port: '0' }],
    ['too many groups', { kind: 'icmp', host: '1:2:3:4:5:6:7:8:9', port: '0' }],
  ])('refuses %s with exit 2 and runs nothing', async (_, values) => {
    const result = await runWith(values);

    expect(result).toEqual({ code: 2, output: expect.stringContaining('refused probe parameters') });
    expect(existsSync(marker)).toBe(false);
  });
});

describe('a verify command created by an older sg-pairing (before IPv6 probes)', () => {
  it('is never invoked nor replaced silently: VerifyCommandMismatch says an older sg-pairing made it and how to renew it', async () => {
    const older = verifyCommandScript().replace(/\|\[0-9a-f\]\{0,4\}\(:\[0-9a-f\]\{0,4\}\)\{2,7\}/, '');
    const created: string[] = [];
    const assistant = {
      findCommands: async (name: string) => [{ commandId: 'c-old', name, script: older, enableParameter: true }],
      createCommand: async (spec: { name: string }) => (created.push(spec.name), { commandId: 'c-new' }),
    } as unknown as AssistantPort;

    const outcome = ensureVerifyCommand(assistant, 'demo', '1111', { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 });

    expect(older).not.toBe(verifyCommandScript());
    await expect(outcome).rejects.toMatchObject({
      code: 'VerifyCommandMismatch',
      message: expect.stringMatching(/c-old.*an older sg-pairing created it.*delete it/),
    });
    expect(created).toEqual([]);
  });
});
