import { z } from 'zod';
import { UidSchema } from './cloud-event-schema';

/**
 * `data` of `ecs:Instance:StateChange` (https://www.alibabacloud.com/help/en/eventbridge/user-guide/ecs-events):
 * the ECS event notification (https://www.alibabacloud.com/help/en/ecs/user-guide/overview-35). Whether EventBridge
 * puts the whole object in `data` is UNCONFIRMED, so every field is optional and read defensively. Also
 * undocumented: whether the state sits under `data.content` (as CloudMonitor documents it) or flat under
 * `data` (`data.state`, `data.resourceId` the instance ID), as some third-party handlers read it; both are
 * accepted (emulator/COVERAGE.md).
 */
export const StateChangeSchema = z.looseObject({
  resourceId: z.string().optional(),
  regionId: z.string().optional(),
  userId: UidSchema.optional(),
  state: z.string().optional(),
  content: z
    .looseObject({
      resourceId: z.string().optional(),
      state: z.string().optional(),
    })
    .optional(),
});

export type StateChange = z.output<typeof StateChangeSchema>;

/** The state that can make a pairing satisfiable (an instance side gets its IP and can be paired). */
export const RELEVANT_STATE = 'Running';
