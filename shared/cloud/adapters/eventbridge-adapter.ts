import OpenApi, { $OpenApiUtil } from '@alicloud/openapi-core';
import * as $dara from '@darabonba/typescript';
import { SgPairingError } from '../../errors';
import type { BusEvent, EventBusPort } from '../port';
import { defaultChainCredential } from './default-chain-credential';
import type { Endpoint } from './endpoints';
import { sdkConfig } from './sdk-config';
import { fromSdkError } from './sdk-errors';
import type { BaseIdentity } from './sts-adapter';

const runtime = new $dara.RuntimeOptions({});

interface PutEventsBody {
  Code?: string;
  Success?: boolean;
  Message?: string;
  Data?: { FailedEntryCount?: number; EntryList?: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[] };
}

/**
 * EventBridge PutEvents (2020-04-01,
 * https://www.alibabacloud.com/help/en/eventbridge/developer-reference/api-eventbridge-2020-04-01-putevents)
 * as the hub's own identity, through the official OpenAPI client `@alicloud/openapi-core` (ACS3 signature)
 * the product already uses: the dedicated `@alicloud/eventbridge` package is not among the registry's
 * vetted packages and pins `@alicloud/tea-typescript: latest`. Endpoint: SG_PAIRING_EVENTBRIDGE_ENDPOINT,
 * else `eventbridge.<region>.aliyuncs.com`. A refused entry (FailedEntryCount > 0) throws.
 */
export class EventBridgeAdapter implements EventBusPort {
  private readonly client: OpenApi;

  constructor(region: string, identity: BaseIdentity, endpoint: Endpoint | undefined) {
    const auth = identity.kind === 'static' ? identity.credentials : { credential: defaultChainCredential() };
    this.client = new OpenApi(sdkConfig(region, endpoint, auth, `eventbridge.${region}.aliyuncs.com`));
  }

  async putEvents(busName: string, events: readonly BusEvent[]): Promise<void> {
    const params = new $OpenApiUtil.Params({
      action: 'PutEvents',
      version: '2020-04-01',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const list = events.map((e) => ({
      Id: e.id,
      Source: e.source,
      Type: e.type,
      ...(e.subject === undefined ? {} : { Subject: e.subject }),
      Time: e.time,
      SpecVersion: '1.0',
      DataContentType: 'application/json',
      Data: JSON.stringify(e.data),
    }));
    const request = new $OpenApiUtil.OpenApiRequest({
      body: { EventBusName: busName, EventList: JSON.stringify(list) },
    });
    let body: PutEventsBody;
    try {
      body = ((await this.client.callApi(params, request, runtime)) as { body?: PutEventsBody }).body ?? {};
    } catch (err) {
      throw fromSdkError(err, { operation: 'eventbridge:PutEvents' });
    }
    const failed = (body.Data?.EntryList ?? []).filter((x) => x.ErrorCode !== undefined && x.ErrorCode !== '');
    if ((body.Data?.FailedEntryCount ?? 0) > 0 || failed.length > 0) {
      const first = failed[0];
      throw new SgPairingError(
        `eventbridge:PutEvents to bus ${busName}: ${body.Data?.FailedEntryCount ?? failed.length} event(s) refused${first ? ` (${first.ErrorCode}: ${first.ErrorMessage ?? ''})` : ''}`,
        { code: 'EventPublishFailed', retryable: false, operation: 'eventbridge:PutEvents' },
      );
    }
  }
}
