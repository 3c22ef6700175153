import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFunctions, functionEntries } from '../../scripts/build';

const root = resolve(__dirname, '..', '..');

describe('npm run build', () => {
  it('bundles one CommonJS index.js per function, with the pairings file beside it, each loading with a handler', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'sg-pairing-build-'));
    const log: string[] = [];

    const built = await buildFunctions({ outDir, log: (l) => void log.push(l), example: true });

    const names = functionEntries(root);
    expect(names).toEqual(['http-api', 'instance-events', 'reconcile-worker', 'scheduled-reconcile']);
    expect(built.map((b) => b.name)).toEqual(names);
    const config = existsSync(join(root, 'pairings.yaml'))
      ? join(root, 'pairings.yaml')
      : join(root, 'examples', 'pairings.yaml');
    const load = createRequire(__filename);
    for (const b of built) {
      expect(b.file).toBe(join(outDir, b.name, 'index.js'));
      expect(readFileSync(join(outDir, b.name, 'pairings.yaml'), 'utf8')).toBe(readFileSync(config, 'utf8'));
      expect(typeof (load(b.file) as { handler?: unknown }).handler, b.name).toBe('function');
      expect(
        log.some((l) => l.includes(`${b.name}/index.js`) && /\d+ KiB$/.test(l)),
        b.name,
      ).toBe(true);
      // the bundle is self-contained: no SDK left to resolve from node_modules at run time
      expect(readFileSync(b.file, 'utf8')).not.toMatch(/require\("@alicloud\//);
    }
    // the status page (its renderers) is the HTTP face's alone: the event functions' bundles and cold starts do not carry it
    const pageCode = (b: (typeof built)[number]) => b.inputs.filter((i) => i.startsWith('shared/compliance-graph/'));
    expect(pageCode(built.find((b) => b.name === 'http-api')!)).toContain(
      'shared/compliance-graph/render-status-page.ts',
    );
    for (const b of built.filter((x) => x.name !== 'http-api')) expect(pageCode(b), b.name).toEqual([]);
  }, 60_000);
});
