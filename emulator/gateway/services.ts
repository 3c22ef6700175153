import type { ServiceInfo } from '../events/event-log';
import { ecsHandlers } from '../handlers/ecs';
import { eventbridgeHandlers } from '../handlers/eventbridge/put-events';
import { resourceManagerHandlers } from '../handlers/resourcemanager';
import { stsHandlers } from '../handlers/sts';
import { vpcHandlers } from '../handlers/vpc';
import type { HandlerTable } from '../models/context';

/** An RPC service: its handlers by action, and how ActionTrail names it. */
export interface Service {
  table: HandlerTable;
  info: ServiceInfo;
}

const info = (product: string, serviceName: string, apiVersion: string): ServiceInfo => ({
  product,
  serviceName,
  apiVersion,
  eventSource: `${product}.aliyuncs.com`,
});

/**
 * The RPC services by API version (the version routes a call): ECS, STS and VPC, with any extra
 * handlers merged over theirs, and a 'custom' service for a version only the extras name.
 */
export function servicesByVersion(extra: Record<string, HandlerTable> = {}): Map<string, Service> {
  const services = new Map<string, Service>();
  const builtIn: Record<string, Service> = {
    '2014-05-26': { table: ecsHandlers, info: info('ecs', 'Ecs', '2014-05-26') },
    '2015-04-01': { table: stsHandlers, info: info('sts', 'Sts', '2015-04-01') },
    // VPC (DescribeVpcs only); SG_PAIRING_VPC_ENDPOINT points the product here
    '2016-04-28': { table: vpcHandlers, info: info('vpc', 'Vpc', '2016-04-28') },
    // EventBridge (PutEvents only): the runs' events out; SG_PAIRING_EVENTBRIDGE_ENDPOINT points the product here
    '2020-04-01': { table: eventbridgeHandlers, info: info('eventbridge', 'EventBridge', '2020-04-01') },
    // Resource Manager (ListAccounts, ListAccountsForParent); SG_PAIRING_RESOURCEMANAGER_ENDPOINT points the product here
    '2020-03-31': {
      table: resourceManagerHandlers,
      info: info('resourcemanager', 'ResourceManager', '2020-03-31'),
    },
  };
  for (const [version, s] of Object.entries(builtIn))
    services.set(version, { ...s, table: { ...s.table, ...extra[version] } });
  for (const [version, table] of Object.entries(extra)) {
    if (!services.has(version)) services.set(version, { table, info: info('custom', 'Custom', version) });
  }
  return services;
}
