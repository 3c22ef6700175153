import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostics, loadConfigFile, parseConfigText, requireValidConfig } from '../../shared/config';
import { SgPairingError } from '../../shared/errors';
import { baseDocument, parseDocumentObject } from './config-fixtures';

describe('parseConfigText: the text itself', () => {
  it('reports YAML syntax errors with the source name and position, and nothing else', () => {
    const result = parseConfigText('version: 1\nname: [prod\nregion: cn-qingdao\n', 'bad.yaml');

    expect(result).toEqual({
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: 'YamlSyntax',
          path: '',
          message: expect.stringMatching(/^bad\.yaml: .*line \d+, column \d+/),
        },
      ],
    });
  });

  it('reports duplicate keys as YAML syntax errors', () => {
    const result = parseConfigText('version: 1\nversion: 1\n', 'dup.yaml');

    expect(result).toMatchObject({ ok: false, diagnostics: [{ code: 'YamlSyntax', path: '' }] });
  });

  it('reports an empty file', () => {
    expect(parseConfigText('# nothing\n', 'empty.yaml')).toEqual({
      ok: false,
      diagnostics: [{ severity: 'error', code: 'EmptyConfig', path: '', message: 'empty.yaml is empty' }],
    });
  });

  it('reports a document that is not a mapping at the root', () => {
    expect(parseConfigText('- 1\n- 2\n', 'list.yaml')).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'InvalidType', path: '' }],
    });
  });
});

describe('formatDiagnostics', () => {
  it('gives one "path: message" line per diagnostic', () => {
    const document = baseDocument();
    document.pairings.push({
      name: 'web',
      between: [
        { account: 'c', instance: 'i-1' },
        { account: 'a', instance: 'i-2' },
      ],
    });
    const result = parseDocumentObject(document);

    const text = result.ok ? '' : formatDiagnostics(result.diagnostics);

    expect(text).toBe('pairings[1].between[0].account: unknown account alias "c"');
  });

  it('marks warnings and names the root', () => {
    const text = formatDiagnostics([
      {
        severity: 'warning',
        code: 'UnusedAccount',
        path: 'accounts.z',
        message:
          'account "z" is not used by any pairing: a sweep still lists its sg-pairing record and prunes the rules there; remove it once one has run',
      },
      { severity: 'error', code: 'EmptyConfig', path: '', message: 'x.yaml is empty' },
    ]);

    expect(text).toBe(
      'accounts.z: warning: account "z" is not used by any pairing: a sweep still lists its sg-pairing record and prunes the rules there; remove it once one has run\n(root): x.yaml is empty',
    );
  });
});

describe('loadConfigFile and requireValidConfig', () => {
  it('loads the example file', async () => {
    const result = await loadConfigFile(join(__dirname, '../../examples/pairings.yaml'));

    expect(result).toMatchObject({ ok: true, warnings: [] });
  });

  it('throws ConfigUnreadable for a missing file', async () => {
    const failure = loadConfigFile(join(__dirname, 'no-such-file.yaml'));

    await expect(failure).rejects.toMatchObject({
      code: 'ConfigUnreadable',
      retryable: false,
      operation: 'loadConfigFile',
    });
    await expect(failure).rejects.toBeInstanceOf(SgPairingError);
  });

  it('turns a failed parse into a ConfigInvalid error carrying every diagnostic', () => {
    const result = parseConfigText('version: 2\n', 'v2.yaml');

    expect(() => requireValidConfig(result, 'v2.yaml')).toThrow(
      expect.objectContaining({
        code: 'ConfigInvalid',
        retryable: false,
        diagnostics: result.ok ? [] : result.diagnostics,
      }),
    );
  });
});
