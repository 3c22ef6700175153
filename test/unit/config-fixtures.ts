/** Config documents for the config tests, as plain objects turned into YAML. */
import { stringify } from 'yaml';
import { parseConfigText, type ParseConfigResult } from '../../shared/config';
import { accountA, accountB } from './builders';

export type ConfigDocument = Record<string, unknown> & { pairings: Array<Record<string, unknown>> };

/** A valid config: one group pairing across accounts a and b. */
export function baseDocument(): ConfigDocument {
  return {
    version: 1,
    name: 'prod',
    region: 'cn-qingdao',
    roleName: 'sg-pairing',
    accounts: { a: { id: accountA }, b: { id: accountB } },
    pairings: [
      {
        name: 'app-db',
        between: [
          { account: 'a', securityGroup: 'sg-aaa' },
          { account: 'b', securityGroup: 'sg-bbb' },
        ],
      },
    ],
  };
}

export function parseDocumentObject(document: unknown): ParseConfigResult {
  return parseConfigText(stringify(document), 'test.yaml');
}

/** The first pairing of a document, for tests that edit it in place. */
export function firstPairing(document: ConfigDocument): Record<string, unknown> {
  const pairing = document.pairings[0];
  if (pairing === undefined) throw new Error('document has no pairing');
  return pairing;
}
