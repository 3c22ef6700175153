import { z } from 'zod';
import { parseJsonish, UidSchema } from './cloud-event-schema';

/** A map of parameters; `requestParameters` may also arrive as a JSON string. */
const ParamsSchema = z.preprocess(parseJsonish, z.record(z.string(), z.unknown()));

/**
 * The ActionTrail management-event record in `data` of `ecs:ActionTrail:ApiCall`
 * (https://www.alibabacloud.com/help/en/actiontrail/user-guide/management-event-structure, and the samples of
 * https://www.alibabacloud.com/help/en/eventbridge/user-guide/actiontrail-events and
 * https://www.alibabacloud.com/help/en/actiontrail/user-guide/actiontrail-event-log-reference):
 * `errorCode` is '' on success, `eventVersion` a number or a string,
 * `responseElements` sometimes absent. Loose and mostly optional: IDs are read defensively.
 */
export const ActionTrailRecordSchema = z.looseObject({
  eventName: z.string().min(1),
  eventId: z.string().optional(),
  eventVersion: z.union([z.number(), z.string()]).optional(),
  acsRegion: z.string().nullish(),
  errorCode: z.union([z.string(), z.number()]).nullish(),
  errorMessage: z.string().nullish(),
  userIdentity: z.looseObject({ type: z.string().optional(), accountId: UidSchema.optional() }).nullish(),
  requestParameters: ParamsSchema.nullish(),
  requestParameterJson: z.string().nullish(),
  responseElements: ParamsSchema.nullish(),
  referencedResources: ParamsSchema.nullish(),
});

export type ActionTrailRecord = z.output<typeof ActionTrailRecordSchema>;

/**
 * The calls that can break a pairing, make one satisfiable, or move an instance into or out of a
 * side (launched, started, released, joined or left a group, tagged or untagged). Those marked
 * `rules` may have removed rules of the groups they name; the others change which instances exist,
 * sit in which group or carry which tags. s.yaml's eventName filter must list exactly these.
 */
export const HANDLED_API_CALLS: Readonly<Record<string, { rules: boolean }>> = {
  RunInstances: { rules: false },
  CreateInstance: { rules: false },
  StartInstance: { rules: false },
  DeleteInstance: { rules: false },
  DeleteInstances: { rules: false },
  JoinSecurityGroup: { rules: false },
  LeaveSecurityGroup: { rules: false },
  TagResources: { rules: false },
  UntagResources: { rules: false },
  RevokeSecurityGroup: { rules: true },
  ModifySecurityGroupRule: { rules: true },
  DeleteSecurityGroup: { rules: true },
};
