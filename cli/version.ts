import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The version of package.json, read when asked (the CLI runs from the repo, never from a bundle). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}
