import type { EventBusPort, ObjectStorePort } from '../cloud/port';
import { toSgPairingError } from '../errors';
import type { Logger } from '../log';
import type { RunReport, RunSinks, RunTrigger } from '../reconcile';
import { latestKey, runKey, type HistoryLocation } from './history-location';
import { runEvent } from './run-event';

export interface RunSinksOptions {
  readonly trigger: RunTrigger;
  readonly history?: { readonly location: HistoryLocation; readonly store: ObjectStorePort };
  readonly events?: { readonly bus: string; readonly port: EventBusPort };
  readonly now?: () => Date;
}

type Warning = { code: string; message: string };

/**
 * Where an applied run goes besides its face: one CloudEvent (when it changed, blocked or failed
 * anything) on the hub's bus, then its report as `<prefix>/runs/<date>/<runId>.json` and as
 * `<prefix>/latest.json`. A failure of either is a warning in the answered report (and a warn log
 * line); the run, its exit code and its HTTP status are as they would be without them.
 */
export function createRunSinks(options: RunSinksOptions): RunSinks {
  const now = options.now ?? (() => new Date());
  return {
    async record(report: RunReport, log: Logger): Promise<RunReport> {
      const stamped: RunReport = { ...report, trigger: options.trigger, finishedAt: now().toISOString() };
      const warnings: Warning[] = [];
      const event = options.events === undefined ? undefined : await publish(stamped, options.events, warnings);
      const delivered: RunReport = {
        ...stamped,
        delivery: { ...(event === undefined ? {} : { event }), warnings: [...warnings] },
      };
      const stored = options.history === undefined ? undefined : await store(delivered, options.history, warnings);
      for (const w of warnings) log.warn('delivery', { result: 'failed', ...w });
      return {
        ...delivered,
        delivery: { ...(stored === undefined ? {} : { history: stored }), ...delivered.delivery, warnings },
      };
    },
  };
}

async function publish(
  report: RunReport,
  events: NonNullable<RunSinksOptions['events']>,
  warnings: Warning[],
): Promise<string | undefined> {
  const event = runEvent(report);
  if (event === undefined) return undefined;
  try {
    await events.port.putEvents(events.bus, [event]);
    return event.type;
  } catch (err) {
    const e = toSgPairingError(err, { operation: 'eventbridge:PutEvents' });
    warnings.push({
      code: 'EventPublishFailed',
      message: `event ${event.type} not published to bus ${events.bus}: ${e.code}: ${e.message}`,
    });
    return undefined;
  }
}

async function store(
  report: RunReport,
  history: NonNullable<RunSinksOptions['history']>,
  warnings: Warning[],
): Promise<string | undefined> {
  const { location, store: objects } = history;
  const key = runKey(location, report.finishedAt ?? '', report.runId);
  const body = JSON.stringify(report);
  try {
    await objects.putObject(key, body);
    await objects.putObject(latestKey(location), body);
    return `oss://${location.bucket}/${key}`;
  } catch (err) {
    const e = toSgPairingError(err, { operation: 'oss:PutObject' });
    warnings.push({
      code: 'HistoryWriteFailed',
      message: `run not stored in oss://${location.bucket}/${key}: ${e.code}: ${e.message}`,
    });
    return undefined;
  }
}
