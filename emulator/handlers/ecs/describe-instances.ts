import type { Handler } from '../../models/context';
import { listInstances } from '../../models/instances';
import { paginate } from '../../models/paging';
import { formatInstance, pageFields } from './format';
import { jsonIds, opt, pageRequest, records, scopeOf } from './params';

/** DescribeInstances: filters, then PageNumber/PageSize or MaxResults/NextToken (10 by default, at most 100). */
export const describeInstances: Handler = (ctx) => {
  const instances = listInstances(scopeOf(ctx), {
    ids: jsonIds(ctx, 'InstanceIds', 'InvalidInstanceId.MalFormed'),
    privateIps: jsonIds(ctx, 'PrivateIpAddresses', 'InvalidParameter'),
    vpcId: opt(ctx, 'VpcId'),
    vSwitchId: opt(ctx, 'VSwitchId'),
    zoneId: opt(ctx, 'ZoneId'),
    securityGroupId: opt(ctx, 'SecurityGroupId'),
    status: opt(ctx, 'Status'),
    name: opt(ctx, 'InstanceName'),
    tags: records(ctx, 'Tag')
      .filter((t) => t.Key)
      .map((t) => ({ key: t.Key, value: t.Value || undefined })),
  });
  const page = paginate(instances, pageRequest(ctx), { defaultSize: 10, minSize: 10, maxSize: 100 });
  return { ...pageFields(page), Instances: { Instance: page.items.map(formatInstance) } };
};
