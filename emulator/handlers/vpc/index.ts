import type { HandlerTable } from '../../models/context';
import { describeVpcs } from './describe-vpcs';

/** VPC 2016-04-28: only the read sg-pairing makes (members' addresses must lie in their VPC's CIDR blocks). */
export const vpcHandlers: HandlerTable = {
  DescribeVpcs: { handler: describeVpcs, write: false },
};
