import { z } from 'zod';
import { parsePayload, type Parsed } from '../../payload';

/**
 * The FC timer trigger's event (https://www.alibabacloud.com/help/en/functioncompute/fc/user-guide/time-triggers);
 * `payload` is the configured string, unused here.
 */
export const TimerEventSchema = z.looseObject({
  triggerTime: z.string().min(1),
  triggerName: z.string().min(1),
  payload: z.unknown().optional(),
});

export type TimerEvent = z.output<typeof TimerEventSchema>;

/** Decodes and validates a timer event; a bad one is a terminal error value, never an exception. */
export function parseTimerEvent(event: unknown): Parsed<TimerEvent> {
  return parsePayload(event, {
    schema: TimerEventSchema,
    invalid: { code: 'InvalidTimerEvent', prefix: 'not a timer event' },
    operation: 'parseTimerEvent',
  });
}
