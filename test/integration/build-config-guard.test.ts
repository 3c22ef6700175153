import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildRefused, buildFunctions } from '../../scripts/build';

// npm run build bundles the deployment's pairings.yaml, checked first; the example config only when
// asked (--example / SG_PAIRING_BUILD_EXAMPLE=1). A refused build writes nothing.

const repo = resolve(__dirname, '..', '..');

function rootWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sg-build-guard-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('npm run build and the config it bundles', () => {
  it('refuses to bundle the example when the root has no pairings.yaml and the example was not asked for', async () => {
    const root = rootWith({ 'examples/pairings.yaml': readFileSync(join(repo, 'examples', 'pairings.yaml'), 'utf8') });

    const error = await refusal(buildFunctions({ root, log: () => undefined }));

    expect(error).toBeInstanceOf(BuildRefused);
    expect((error as Error).message).toContain('no pairings.yaml at the repository root');
    expect((error as Error).message).toContain('SG_PAIRING_BUILD_EXAMPLE=1');
  });

  it('refuses an invalid pairings.yaml with every diagnostic, building nothing', async () => {
    const root = rootWith({
      'pairings.yaml':
        'version: 1\nname: demo\nregion: cn-qingdao\nroleName: sg-pairing\naccounts: {}\npairings:\n  - name: Bad\n    between: []\n',
    });

    const error = await refusal(buildFunctions({ root, outDir: join(root, 'dist'), log: () => undefined }));

    expect(error).toBeInstanceOf(BuildRefused);
    expect((error as Error).message).toMatch(/^pairings\.yaml is invalid, nothing built:\n/);
    expect((error as Error).message).toContain('pairings[0]');
    expect(() => readFileSync(join(root, 'dist'))).toThrow(/ENOENT/);
  });
});
