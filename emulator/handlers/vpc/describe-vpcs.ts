import { apiError } from '../../errors/api-errors';
import type { Handler } from '../../models/context';
import { paginate } from '../../models/paging';
import type { Vpc } from '../../models/world';
import { int, opt, scopeOf } from '../ecs/params';

/** VpcId names up to 20 VPCs, separated by commas. */
const MAX_VPC_IDS = 20;

/**
 * VPC DescribeVpcs (2016-04-28,
 * https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevpcs):
 * the VPCs of the region the caller owns or that are shared with it, by id (VpcId: up to 20,
 * comma-separated; an id not found is simply absent, UNCONFIRMED), paged by PageNumber (from 1)
 * and PageSize (default 10, at most 50; a larger one is clamped, UNCONFIRMED). Each VPC reports
 * CidrBlock, SecondaryCidrBlocks.SecondaryCidrBlock and UserCidrs.UserCidr.
 */
export const describeVpcs: Handler = (ctx) => {
  const scope = scopeOf(ctx);
  const ids = opt(ctx, 'VpcId')
    ?.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  if (ids !== undefined && ids.length > MAX_VPC_IDS)
    throw apiError('InvalidParameter', `The specified parameter "VpcId" names more than ${MAX_VPC_IDS} VPCs.`);
  const vpcs = [...scope.world.vpcs.values()]
    .filter((v) => v.region === scope.region && scope.world.vpcUsableBy(v, scope.account))
    .filter((v) => ids === undefined || ids.includes(v.id))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const page = paginate(
    vpcs,
    { style: 'page', pageNumber: int(ctx, 'PageNumber'), pageSize: int(ctx, 'PageSize') },
    { defaultSize: 10, minSize: 1, maxSize: 50 },
  );
  return {
    TotalCount: page.totalCount,
    PageNumber: page.pageNumber,
    PageSize: page.pageSize,
    Vpcs: { Vpc: page.items.map(formatVpc) },
  };
};

function formatVpc(v: Vpc): Record<string, unknown> {
  return {
    VpcId: v.id,
    RegionId: v.region,
    Status: 'Available',
    VpcName: v.id,
    IsDefault: false,
    CidrBlock: v.cidr,
    SecondaryCidrBlocks: { SecondaryCidrBlock: [...v.secondaryCidrs] },
    UserCidrs: { UserCidr: [...v.userCidrs] },
    VSwitchIds: { VSwitchId: [`vsw-${v.id.replace(/^vpc-/, '')}`] },
  };
}
