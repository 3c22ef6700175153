import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../models/context';
import { assumedRoleId, roleNameOf } from '../models/identity';

/**
 * The CloudEvents EventBridge would deliver on the default bus for successful writes
 * (https://www.alibabacloud.com/help/en/eventbridge/user-guide/ecs-events):
 * one `<product>:ActionTrail:ApiCall` per write, plus one `ecs:Instance:StateChange` per state
 * change the call caused. Kept in memory (bounded) and optionally POSTed to a push URL.
 */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json;charset=utf-8';
  aliyunaccountid: string;
  aliyunoriginalaccountid: string;
  aliyunregionid: string;
  aliyunpublishtime: string;
  aliyuneventbusname: string;
  aliyunpublishaddr: string;
  data: Record<string, unknown>;
}

/** The product an API version belongs to, as ActionTrail names it. */
export interface ServiceInfo {
  product: string;
  serviceName: string;
  eventSource: string;
  apiVersion: string;
}

/**
 * How events are delivered. `hubAccountId`: every event of another account arrives as routed to that
 * account's bus, so `aliyunaccountid` is the hub and `aliyunoriginalaccountid` the sender
 * (https://www.alibabacloud.com/help/en/eventbridge/use-cases/route-events-across-alibaba-cloud-accounts).
 * `stateChangeShape`: whether an `ecs:Instance:StateChange` carries its state under `data.content`
 * (default, as the ECS notification is documented) or flat under `data` (undocumented; COVERAGE.md).
 */
export interface EventDelivery {
  hubAccountId?: string;
  stateChangeShape: 'content' | 'flat';
}

export const DEFAULT_EVENT_DELIVERY: EventDelivery = { stateChangeShape: 'content' };

export interface CallOrigin {
  sourceIp: string;
  userAgent: string;
}

const ARN_KIND: Record<string, string> = {
  'ACS::ECS::Instance': 'instance',
  'ACS::ECS::SecurityGroup': 'securitygroup',
};

/** ISO-8601 UTC with seconds, as ActionTrail writes `eventTime` and CloudEvents `time`. */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** CloudMonitor's compact local time, e.g. `20181226T220114.058+0800` (China Standard Time). */
export function compactCst(ms: number): string {
  const d = new Date(ms + 8 * 3600_000).toISOString(); // 2018-12-26T22:01:14.058Z shifted to +08:00
  return `${d.slice(0, 10).replace(/-/g, '')}T${d.slice(11, 19).replace(/:/g, '')}${d.slice(19, 23)}+0800`;
}

export class EventLog {
  private buffer: CloudEvent[] = [];
  private readonly pending = new Set<Promise<void>>();
  pushed = 0;
  pushFailures = 0;
  delivery: EventDelivery;

  constructor(
    public pushUrl?: string,
    readonly limit = 10_000,
    delivery: Partial<EventDelivery> = {},
  ) {
    this.delivery = { ...DEFAULT_EVENT_DELIVERY, ...delivery };
  }

  get events(): CloudEvent[] {
    return this.buffer;
  }

  ofType(type: string): CloudEvent[] {
    return this.buffer.filter((e) => e.type === type);
  }

  /** Builds, keeps and pushes the events of one successful write. */
  recordWrite(
    ctx: RequestContext,
    response: Record<string, unknown>,
    service: ServiceInfo,
    origin: CallOrigin,
  ): CloudEvent[] {
    const out = [
      apiCallEvent(ctx, response, service, origin),
      ...ctx.facts.stateChanges.map((c) => stateChangeEvent(ctx, c, origin, this.delivery.stateChangeShape)),
    ].map((e) => routed(e, this.delivery.hubAccountId));
    for (const e of out) this.add(e);
    return out;
  }

  /** Resolves when every push started so far has finished (succeeded or failed). */
  async flushed(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  clear(): void {
    this.buffer = [];
    this.pushed = 0;
    this.pushFailures = 0;
  }

  private add(event: CloudEvent): void {
    this.buffer.push(event);
    if (this.buffer.length > this.limit) this.buffer = this.buffer.slice(this.buffer.length - this.limit);
    if (this.pushUrl) this.push(this.pushUrl, event);
  }

  private push(url: string, event: CloudEvent): void {
    const p = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json;charset=utf-8' },
      body: JSON.stringify(event),
    })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) this.pushed += 1;
        else this.pushFailures += 1;
      })
      .catch(() => {
        this.pushFailures += 1;
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }
}

/** As delivered on the hub's bus when routed there from the sender's account (the hub's own: unchanged). */
function routed(event: CloudEvent, hubAccountId: string | undefined): CloudEvent {
  if (hubAccountId === undefined || hubAccountId === event.aliyunoriginalaccountid) return event;
  return { ...event, aliyunaccountid: hubAccountId };
}

function envelope(
  ctx: RequestContext,
  id: string,
  type: string,
  subject: string,
  product: string,
  origin: CallOrigin,
  data: Record<string, unknown>,
): CloudEvent {
  const account = ctx.caller.account;
  return {
    specversion: '1.0',
    id,
    source: `acs.${product}`,
    type,
    subject,
    time: isoSeconds(ctx.now),
    datacontenttype: 'application/json;charset=utf-8',
    aliyunaccountid: account,
    aliyunoriginalaccountid: account,
    aliyunregionid: ctx.region,
    aliyunpublishtime: new Date(ctx.now).toISOString(),
    aliyuneventbusname: 'default',
    aliyunpublishaddr: origin.sourceIp,
    data,
  };
}

function userIdentity(ctx: RequestContext): Record<string, unknown> {
  const { caller } = ctx;
  if (caller.session) {
    const s = caller.session;
    return {
      type: 'assumed-role',
      principalId: assumedRoleId(s),
      accountId: caller.account,
      accessKeyId: caller.accessKeyId,
      userName: `${roleNameOf(s.roleArn)}:${s.sessionName}`,
    };
  }
  return {
    type: 'root-account',
    principalId: caller.account,
    accountId: caller.account,
    accessKeyId: caller.accessKeyId,
    userName: 'root',
  };
}

function apiCallEvent(
  ctx: RequestContext,
  response: Record<string, unknown>,
  service: ServiceInfo,
  origin: CallOrigin,
): CloudEvent {
  const first = Object.entries(ctx.facts.referencedResources).find(([, ids]) => ids.length > 0);
  const kind = first ? (ARN_KIND[first[0]] ?? first[0].split('::').pop()!.toLowerCase()) : undefined;
  const subject = `acs:${service.product}:${ctx.region}:${ctx.caller.account}:${first && kind ? `${kind}/${first[1][0]}` : '*'}`;
  const eventId = randomUUID();
  const data = {
    eventId,
    eventVersion: 1,
    eventType: 'ApiCall',
    eventCategory: 'Management',
    eventRW: 'Write',
    eventName: ctx.action,
    eventSource: service.eventSource,
    serviceName: service.serviceName,
    apiVersion: service.apiVersion,
    acsRegion: ctx.region,
    eventTime: isoSeconds(ctx.now),
    requestId: ctx.requestId,
    sourceIpAddress: origin.sourceIp,
    userAgent: origin.userAgent,
    userIdentity: userIdentity(ctx),
    requestParameters: { ...ctx.params, RegionId: ctx.params.RegionId ?? ctx.region },
    responseElements: { RequestId: ctx.requestId, ...response },
    referencedResources: ctx.facts.referencedResources,
    errorCode: '',
    errorMessage: '',
    isGlobal: false,
  };
  // the samples carry the ActionTrail eventId as the CloudEvent id
  return envelope(ctx, eventId, `${service.product}:ActionTrail:ApiCall`, subject, service.product, origin, data);
}

function stateChangeEvent(
  ctx: RequestContext,
  change: { instanceId: string; state: string },
  origin: CallOrigin,
  shape: EventDelivery['stateChangeShape'],
): CloudEvent {
  const account = ctx.caller.account;
  const resourceId = `acs:ecs:${ctx.region}:${account}:instance/${change.instanceId}`;
  const data = {
    ver: '1.0',
    id: randomUUID().toUpperCase(),
    product: 'ECS',
    level: 'INFO',
    name: 'Instance:StateChange',
    regionId: ctx.region,
    resourceId,
    userId: account,
    eventTime: compactCst(ctx.now),
    content: { resourceId: change.instanceId, resourceType: 'ALIYUN::ECS::Instance', state: change.state },
  };
  // flat: the content's fields hoisted into data (resourceId is then the instance ID, as in content)
  const { content, ...rest } = data;
  const shaped = shape === 'flat' ? { ...rest, ...content } : data;
  return envelope(ctx, randomUUID(), 'ecs:Instance:StateChange', resourceId, 'ecs', origin, shaped);
}
