import * as $Ecs from '@alicloud/ecs20140526';
import * as $Sts from '@alicloud/sts20150401';
import * as $dara from '@darabonba/typescript';
import { request } from 'node:http';
import {
  loadScenarioFile,
  signAcs3Request,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../../emulator';
import { ecsClient, stsClient, type Creds } from './clients';

/** The seed world (examples/seed-scenario.yaml) and its identities, for the emulator-platform tests. */
export const SEED = loadScenarioFile('examples/seed-scenario.yaml');
export {
  ACCOUNT_A_CREDENTIALS,
  ACCOUNT_A_ID,
  ACCOUNT_B_CREDENTIALS,
  ACCOUNT_B_ID,
  HUB_ACCOUNT_ID,
  HUB_CREDENTIALS,
  roleArnOf,
} from './identities';

/** Starts an emulator on a free loopback port, seeded with the seed scenario unless told otherwise. */
export function startSeeded(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ scenario: SEED, ...opts });
}

/** AssumeRole through the real STS client; returns credentials ready for another client. */
export async function assume(
  url: string,
  caller: Creds,
  request: Partial<$Sts.AssumeRoleRequest> & { roleArn: string },
): Promise<Creds & { expiration: string; arn: string }> {
  const r = await stsClient(url, caller).assumeRole(
    new $Sts.AssumeRoleRequest({ roleSessionName: 'test-session', ...request }),
  );
  const c = r.body!.credentials!;
  return {
    accessKeyId: c.accessKeyId!,
    accessKeySecret: c.accessKeySecret!,
    securityToken: c.securityToken!,
    expiration: c.expiration!,
    arn: r.body!.assumedRoleUser!.arn!,
  };
}

/** The ids of the security groups an identity sees, through the real ECS client. */
export async function visibleGroups(url: string, creds: Creds): Promise<string[]> {
  const r = await ecsClient(url, creds).describeSecurityGroups(
    new $Ecs.DescribeSecurityGroupsRequest({ regionId: 'cn-qingdao', maxResults: 100 }),
  );
  return (r.body!.securityGroups!.securityGroup ?? []).map((g) => g.securityGroupId!).sort();
}

/** A cheap signed read through the real ECS client (the call fault tests count). */
export function describeGroup(url: string, creds: Creds, groupId = 'sg-a1', readTimeout?: number) {
  return ecsClient(url, creds).describeSecurityGroupAttributeWithOptions(
    new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: 'cn-qingdao', securityGroupId: groupId }),
    new $dara.RuntimeOptions(readTimeout ? { readTimeout } : {}),
  );
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends one HTTP request as given (for requests the SDK would never send: tampered, replayed). */
export function rawRequest(
  url: string,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body = '',
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path: pathAndQuery, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A signed ECS request built with the emulator's client-side signer, sent raw. */
export function signedEcsRequest(url: string, creds: Creds, action: string, query: Record<string, string>) {
  const host = new URL(url).host;
  const headers = signAcs3Request({
    method: 'POST',
    host,
    path: '/',
    query,
    headers: { 'x-acs-action': action, 'x-acs-version': '2014-05-26' },
    accessKeyId: creds.accessKeyId,
    secret: creds.accessKeySecret,
    securityToken: creds.securityToken,
  });
  const send = (q: Record<string, string> = query) =>
    rawRequest(url, 'POST', `/?${new URLSearchParams(q).toString().replace(/\+/g, '%20')}`, headers);
  return { headers, send };
}

export interface Outcome {
  ok: boolean;
  code: string;
  statusCode: number;
  name: string;
  retryAfter?: number;
}

/** Runs `n` calls, `concurrency` at a time, and records how each ended (never throws). */
export async function outcomes(
  n: number,
  concurrency: number,
  call: (i: number) => Promise<unknown>,
): Promise<Outcome[]> {
  const out: Outcome[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      try {
        await call(i);
        out[i] = { ok: true, code: '', statusCode: 200, name: '' };
      } catch (err) {
        const e = err as { code?: string; statusCode?: number; name?: string; retryAfter?: number };
        out[i] = {
          ok: false,
          code: String(e.code ?? ''),
          statusCode: Number(e.statusCode ?? 0),
          name: String(e.name ?? ''),
          retryAfter: e.retryAfter,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export const count = (list: Outcome[], pred: (o: Outcome) => boolean): number => list.filter(pred).length;
