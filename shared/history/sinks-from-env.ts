import type { EventBusPort, ObjectStorePort } from '../cloud/port';
import { toSgPairingError } from '../errors';
import type { RunSinks, RunTrigger } from '../reconcile';
import { eventBusFromEnv } from './event-bus-name';
import { historyLocationFromEnv } from './history-location';
import { createRunSinks } from './run-sinks';

export interface SinkPorts {
  objects(bucket: string): ObjectStorePort;
  eventBus(): EventBusPort;
}

/**
 * The sinks SG_PAIRING_HISTORY and SG_PAIRING_EVENT_BUS ask for; undefined when neither is set. A value
 * that cannot be used (odd characters, not oss://) never stops the run: its run carries the reason as
 * a warning, and the other sink still works.
 */
export function runSinksFromEnv(
  trigger: RunTrigger,
  ports: SinkPorts,
  env: NodeJS.ProcessEnv = process.env,
): RunSinks | undefined {
  if (!env.SG_PAIRING_HISTORY?.trim() && !env.SG_PAIRING_EVENT_BUS?.trim()) return undefined;
  const problems: { code: string; message: string }[] = [];
  const attempt = <T>(read: () => T | undefined): T | undefined => {
    try {
      return read();
    } catch (err) {
      const e = toSgPairingError(err, { operation: 'delivery' });
      problems.push({ code: e.code, message: e.message });
      return undefined;
    }
  };
  const location = attempt(() => historyLocationFromEnv(env));
  const bus = attempt(() => eventBusFromEnv(env));
  // a client that cannot be built (an endpoint override without a scheme) is a warning too
  const store = location === undefined ? undefined : attempt(() => ports.objects(location.bucket));
  const port = bus === undefined ? undefined : attempt(() => ports.eventBus());
  const sinks = createRunSinks({
    trigger,
    ...(location === undefined || store === undefined ? {} : { history: { location, store } }),
    ...(bus === undefined || port === undefined ? {} : { events: { bus, port } }),
  });
  if (problems.length === 0) return sinks;
  return {
    async record(report, log) {
      const recorded = await sinks.record(report, log);
      for (const p of problems) log.warn('delivery', { result: 'failed', ...p });
      const delivery = recorded.delivery ?? { warnings: [] };
      return { ...recorded, delivery: { ...delivery, warnings: [...problems, ...delivery.warnings] } };
    },
  };
}
