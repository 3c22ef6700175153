import { z } from 'zod';

/** A JSON value that may arrive as a JSON string (some deliveries stringify `data` or batch items). */
export function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Account UIDs arrive as strings, sometimes as numbers. */
export const UidSchema = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);

/**
 * The CloudEvents 1.0 envelope with Alibaba's extensions
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/event-overview). Loose: unknown keys pass,
 * and only what the parser reads is typed; `data` is decoded when it came as a JSON string.
 */
export const CloudEventSchema = z.looseObject({
  specversion: z.string().optional(),
  id: z.string().optional(),
  source: z.string().optional(),
  type: z.string().min(1),
  subject: z.string().optional(),
  time: z.string().optional(),
  aliyunaccountid: UidSchema.optional(),
  aliyunoriginalaccountid: UidSchema.optional(),
  aliyunregionid: z.string().optional(),
  data: z.preprocess(parseJsonish, z.unknown()),
});

export type CloudEvent = z.output<typeof CloudEventSchema>;

export const ACTION_TRAIL_API_CALL = 'ecs:ActionTrail:ApiCall';
export const INSTANCE_STATE_CHANGE = 'ecs:Instance:StateChange';
