import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The EventBridge payload fixtures (test/fixtures/events/<name>.json), shaped as facts §5. */
export const EVENT_FIXTURES = [
  'run-instances',
  'run-instances-burst',
  'create-instance',
  'start-instance',
  'delete-instance',
  'delete-instances',
  'join-security-group',
  'leave-security-group',
  'revoke-security-group',
  'modify-security-group-rule',
  'delete-security-group',
  'failed-call',
  'state-change-running',
  'state-change-stopped',
  'undeclared-account',
  'other-region',
  'unrelated-type',
  'batch',
] as const;

export type EventFixture = (typeof EVENT_FIXTURES)[number];

const dir = resolve(__dirname, '..', 'fixtures', 'events');

/** The fixture's bytes, as FC hands them to an event function. */
export const eventBuffer = (name: EventFixture): Buffer => readFileSync(resolve(dir, `${name}.json`));

export const eventJson = <T = Record<string, unknown>>(name: EventFixture): T =>
  JSON.parse(eventBuffer(name).toString('utf8')) as T;
