import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Sample trigger payloads, one folder per source: test/fixtures/events/<source>/<variant>.json.
 * - eventbridge: CloudEvents as EventBridge delivers ECS events
 *   (https://help.aliyun.com/en/eventbridge/user-guide/ecs-events): an ActionTrail API-call record
 *   (https://www.alibabacloud.com/help/doc-detail/28819.htm) or an instance state-change notification
 *   (https://help.aliyun.com/en/ecs/user-guide/overview-35) in `data`; `batch` is the JSON array a
 *   batching rule delivers; `state-change-running-flat` carries the state flat under `data` (undocumented,
 *   emulator/COVERAGE.md); `run-instances-routed` is member a's call as routed to the hub's bus
 *   (https://www.alibabacloud.com/help/en/eventbridge/use-cases/route-events-across-alibaba-cloud-accounts).
 * - timer: the FC timer trigger's event (https://www.alibabacloud.com/help/en/fc/formats-of-event-for-different-triggers).
 * - worker: what scheduled-reconcile hands each reconcile-worker (an FC async invocation; our own shape).
 * - http: FC 3.0 HTTP-trigger events
 *   (https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function).
 */
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
  'state-change-running-flat',
  'run-instances-routed',
  'undeclared-account',
  'other-region',
  'unrelated-type',
  'batch',
] as const;

export type EventFixture = (typeof EVENT_FIXTURES)[number];
export type TimerFixture = 'every-10-minutes' | 'with-payload';
export type WorkerFixture = 'one-shard' | 'second-of-three-shards' | 'not-a-payload';
export type HttpFixture = 'get-plan' | 'invoke-api-sample' | 'post-reconcile-base64';

interface Fixtures {
  eventbridge: EventFixture;
  timer: TimerFixture;
  worker: WorkerFixture;
  http: HttpFixture;
}
export type EventSource = keyof Fixtures;

const dir = resolve(__dirname, '..', 'fixtures', 'events');

export const fixturePath = <S extends EventSource>(source: S, variant: Fixtures[S]): string =>
  resolve(dir, source, `${variant}.json`);

/** The fixture's bytes, as FC hands them to a function. */
export const fixtureBuffer = <S extends EventSource>(source: S, variant: Fixtures[S]): Buffer =>
  readFileSync(fixturePath(source, variant));

export const fixtureJson = <T = Record<string, unknown>, S extends EventSource = EventSource>(
  source: S,
  variant: Fixtures[S],
): T => JSON.parse(fixtureBuffer(source, variant).toString('utf8')) as T;

/** An EventBridge fixture's bytes, as FC hands them to an event function. */
export const eventBuffer = (name: EventFixture): Buffer => fixtureBuffer('eventbridge', name);

export const eventJson = <T = Record<string, unknown>>(name: EventFixture): T => fixtureJson<T>('eventbridge', name);

/** A timer trigger event's bytes, as FC hands them to scheduled-reconcile. */
export const timerBuffer = (name: TimerFixture): Buffer => fixtureBuffer('timer', name);

/** A worker payload's bytes, as FC hands them to reconcile-worker. */
export const workerBuffer = (name: WorkerFixture): Buffer => fixtureBuffer('worker', name);
