import type { HandlerTable } from '../../models/context';
import { assumeRole } from './assume-role';

/** STS 2015-04-01. AssumeRole is not an ECS write, so it produces no EventBridge event here. */
export const stsHandlers: HandlerTable = {
  AssumeRole: { handler: assumeRole, write: false },
};
