import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every SG_PAIRING_* variable the code names is documented in docs/environment.md, and the table
// lists none the code no longer names.

const root = resolve(__dirname, '..', '..');
const CODE_FOLDERS = ['shared', 'cli', 'functions', 'scripts'];
const VARIABLE = /SG_PAIRING_[A-Z0-9_]+/g;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js)$/.test(entry.name) ? [path] : [];
  });
}

const namedInCode = new Set(
  CODE_FOLDERS.flatMap((f) => sourceFiles(join(root, f))).flatMap((file) => [
    ...(readFileSync(file, 'utf8').match(VARIABLE) ?? []),
  ]),
);
const documented = new Set(
  [
    ...readFileSync(join(root, 'docs', 'environment.md'), 'utf8').matchAll(/^\|\s*`(SG_PAIRING_[A-Z0-9_]+)`\s*\|/gm),
  ].map((m) => m[1]),
);

describe('docs/environment.md', () => {
  it('lists every SG_PAIRING_* variable the code names', () => {
    expect(namedInCode.size).toBeGreaterThan(10);
    expect([...namedInCode].filter((v) => !documented.has(v)).sort()).toEqual([]);
  });

  it('lists no variable the code no longer names', () => {
    expect([...documented].filter((v) => !namedInCode.has(v)).sort()).toEqual([]);
  });
});
