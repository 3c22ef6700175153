import { DescribeVpcsRequest } from '@alicloud/vpc20160428/dist/models/DescribeVpcsRequest';
import { DescribeVpcsResponse } from '@alicloud/vpc20160428/dist/models/DescribeVpcsResponse';
import type { DescribeVpcsResponseBodyVpcsVpc } from '@alicloud/vpc20160428/dist/models/DescribeVpcsResponseBody';
import type { TemporaryCredentials, VpcPort, VpcSummary } from '../port';
import type { Endpoint } from './endpoints';
import { EcsRpc, VPC_SERVICE } from './ecs-rpc';

/** DescribeVpcs takes up to 20 VPC ids (comma-separated) and pages of up to 50. */
const IDS_PER_CALL = 20;
const PAGE_SIZE = 50;

/**
 * The VPC API for one account: the real `@alicloud/vpc20160428` DescribeVpcs models over
 * openapi-core (see ecs-rpc.ts). DescribeVpcs
 * (https://www.alibabacloud.com/help/en/vpc/developer-reference/api-vpc-2016-04-28-describevpcs):
 * VpcId up to 20 ids separated by commas; PageNumber from 1, PageSize at most 50 (default 10);
 * each VPC's CidrBlock, SecondaryCidrBlocks.SecondaryCidrBlock and UserCidrs.UserCidr.
 */
export class VpcAdapter implements VpcPort {
  private readonly client: EcsRpc;

  constructor(
    private readonly region: string,
    private readonly account: string,
    credentials: TemporaryCredentials,
    endpoint: Endpoint | undefined,
  ) {
    this.client = EcsRpc.forAccount(region, credentials, endpoint, VPC_SERVICE);
  }

  async describeVpcs(vpcIds: string[]): Promise<VpcSummary[]> {
    const unique = [...new Set(vpcIds)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += IDS_PER_CALL) batches.push(unique.slice(i, i + IDS_PER_CALL));
    return (await Promise.all(batches.map((ids) => this.describeSome(ids)))).flat();
  }

  private async describeSome(ids: string[]): Promise<VpcSummary[]> {
    const found: VpcSummary[] = [];
    for (let page = 1; ; page++) {
      const request = new DescribeVpcsRequest({
        regionId: this.region,
        vpcId: ids.join(','),
        pageNumber: page,
        pageSize: PAGE_SIZE,
      });
      const body = await this.client.call('DescribeVpcs', request, new DescribeVpcsResponse({}), {
        account: this.account,
      });
      const vpcs = body.vpcs?.vpc ?? [];
      found.push(...vpcs.map(toVpcSummary));
      if (vpcs.length < PAGE_SIZE || page * PAGE_SIZE >= (body.totalCount ?? 0)) return found;
    }
  }
}

function toVpcSummary(v: DescribeVpcsResponseBodyVpcsVpc): VpcSummary {
  const blocks = [
    v.cidrBlock ?? '',
    ...(v.secondaryCidrBlocks?.secondaryCidrBlock ?? []),
    ...(v.userCidrs?.userCidr ?? []),
  ];
  return { vpcId: v.vpcId ?? '', cidrBlocks: [...new Set(blocks.filter((b) => b !== ''))] };
}
