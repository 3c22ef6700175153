import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCli } from '../../scripts/build-cli';

const root = resolve(__dirname, '..', '..');
const run = promisify(execFile);

/** A copy of what an install without dev dependencies has: the bin, the compiled CLI, no node_modules. */
async function installWithoutDevDependencies(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sg-pairing-compiled-'));
  mkdirSync(join(dir, 'bin'));
  cpSync(join(root, 'bin', 'sg-pairing.js'), join(dir, 'bin', 'sg-pairing.js'));
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  cpSync(join(root, 'examples'), join(dir, 'examples'), { recursive: true });
  await buildCli({ root, outDir: join(dir, 'dist') });
  return dir;
}

describe('the compiled CLI', () => {
  it('runs validate and the demo with no node_modules at all (no tsx, no esbuild at run time)', async () => {
    const dir = await installWithoutDevDependencies();
    const cli = (...args: string[]) =>
      run(process.execPath, [join(dir, 'bin', 'sg-pairing.js'), ...args], { cwd: dir });

    const validate = await cli('validate', '--config', 'examples/pairings.yaml');
    expect(validate.stdout).toContain('examples/pairings.yaml: valid');

    const demo = await cli('demo');
    expect(demo.stdout).toMatch(/API calls: AssumeRole \d+/);
    expect(demo.stdout).toContain('sg-pairing:demo:app-db');
  }, 60_000);

  it('is what runs sg-pairing in production: tsx and esbuild are development dependencies only', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    expect(Object.keys(manifest.dependencies)).not.toContain('esbuild');
    expect(Object.keys(manifest.devDependencies)).toEqual(expect.arrayContaining(['tsx', 'esbuild']));
  });
});
