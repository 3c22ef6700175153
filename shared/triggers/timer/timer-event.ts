import { z } from 'zod';
import { TerminalError } from '../../errors';
import { decodePayload, type Parsed } from '../../payload';

/** The FC timer trigger's event (facts §6.4); `payload` is the configured string, unused here. */
export const TimerEventSchema = z.looseObject({
  triggerTime: z.string().min(1),
  triggerName: z.string().min(1),
  payload: z.unknown().optional(),
});

export type TimerEvent = z.output<typeof TimerEventSchema>;

/** Decodes and validates a timer event; a bad one is a terminal error value, never an exception. */
export function parseTimerEvent(event: unknown): Parsed<TimerEvent> {
  const decoded = decodePayload(event);
  if (!decoded.ok) return decoded;
  const r = TimerEventSchema.safeParse(decoded.value);
  if (r.success) return { ok: true, value: r.data };
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return {
    ok: false,
    error: new TerminalError(`not a timer event: ${issues}`, {
      code: 'InvalidTimerEvent',
      operation: 'parseTimerEvent',
    }),
  };
}
