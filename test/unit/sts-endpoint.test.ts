import Sts from '@alicloud/sts20150401';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { describe, expect, it } from 'vitest';
import { endpointFromEnv } from '../../shared/cloud/adapters/endpoints';
import { StsAdapter } from '../../shared/cloud/adapters/sts-adapter';
import { stsEndpointFor } from '../../shared/cloud/adapters/sts-endpoint';

// The STS endpoint is the SDK's own choice for the region (its endpoint map, then its regional
// rule), and SG_PAIRING_STS_ENDPOINT still wins over both.

const sdkMap = new Sts(new $OpenApiUtil.Config({ regionId: 'cn-qingdao' }))._endpointMap;
/** the host the adapter's own SDK client would send AssumeRole to */
const adapterHost = (region: string, env: NodeJS.ProcessEnv = {}) => {
  const adapter = new StsAdapter(region, endpointFromEnv('SG_PAIRING_STS_ENDPOINT', env), {
    kind: 'static',
    credentials: { accessKeyId: 'LTAIunit', accessKeySecret: 'unit-secret' },
  });
  const client = (adapter as unknown as { sts(): { _endpoint: string; _protocol: string } }).sts();
  return `${client._protocol}://${client._endpoint}`;
};

describe('STS endpoint', () => {
  it("a region in the SDK's map goes where the map says (the central endpoint for cn-wuhan)", () => {
    expect(sdkMap['cn-wuhan']).toBe('sts.aliyuncs.com');
    expect(stsEndpointFor('cn-wuhan', undefined)).toEqual({ host: 'sts.aliyuncs.com', protocol: 'https' });
    expect(adapterHost('cn-wuhan')).toBe('https://sts.aliyuncs.com');
    expect(adapterHost('ap-southeast-2')).toBe(`https://${sdkMap['ap-southeast-2']}`);
  });

  it("a region not in the map gets the SDK's regional rule: sts.<region>.aliyuncs.com", () => {
    expect(sdkMap['cn-qingdao']).toBeUndefined();
    expect(stsEndpointFor('cn-qingdao', undefined)).toEqual({ host: 'sts.cn-qingdao.aliyuncs.com', protocol: 'https' });
    expect(adapterHost('ap-southeast-1')).toBe('https://sts.ap-southeast-1.aliyuncs.com');
  });

  it('SG_PAIRING_STS_ENDPOINT wins over the map and the rule', () => {
    const env = { SG_PAIRING_STS_ENDPOINT: 'http://127.0.0.1:18080' };
    expect(stsEndpointFor('cn-wuhan', endpointFromEnv('SG_PAIRING_STS_ENDPOINT', env))).toEqual({
      host: '127.0.0.1:18080',
      protocol: 'http',
    });
    expect(adapterHost('cn-wuhan', env)).toBe('http://127.0.0.1:18080');
    expect(adapterHost('cn-qingdao', env)).toBe('http://127.0.0.1:18080');
  });
});
