import type Ecs from '@alicloud/ecs20140526';
import * as $Ecs from '@alicloud/ecs20140526';
import * as $dara from '@darabonba/typescript';
import type { RunningEmulator } from '../../emulator';
import { ecsClient, type Creds } from './clients';
import { REGION } from './world-builder';

/** Thin wrappers over the real ECS SDK calls the integration tests repeat. */
export const rt = new $dara.RuntimeOptions({});

export type Perm = ConstructorParameters<typeof $Ecs.AuthorizeSecurityGroupRequestPermissions>[0];

export const client = (emu: RunningEmulator, creds: Creds): Ecs => ecsClient(emu.url, creds);

export function authorize(c: Ecs, securityGroupId: string, perms: Perm[], extra: Record<string, unknown> = {}) {
  return c.authorizeSecurityGroupWithOptions(
    new $Ecs.AuthorizeSecurityGroupRequest({
      regionId: REGION,
      securityGroupId,
      permissions: perms.map((p) => new $Ecs.AuthorizeSecurityGroupRequestPermissions(p)),
      ...extra,
    }),
    rt,
  );
}

export function revoke(c: Ecs, securityGroupId: string, perms: Perm[], extra: Record<string, unknown> = {}) {
  return c.revokeSecurityGroupWithOptions(
    new $Ecs.RevokeSecurityGroupRequest({
      regionId: REGION,
      securityGroupId,
      permissions: perms.map((p) => new $Ecs.RevokeSecurityGroupRequestPermissions(p)),
      ...extra,
    }),
    rt,
  );
}

export async function attribute(c: Ecs, securityGroupId: string, extra: Record<string, unknown> = {}) {
  const res = await c.describeSecurityGroupAttributeWithOptions(
    new $Ecs.DescribeSecurityGroupAttributeRequest({ regionId: REGION, securityGroupId, ...extra }),
    rt,
  );
  return res.body!;
}

/** The visible ingress+egress rules of a group. */
export async function rulesOf(c: Ecs, securityGroupId: string) {
  return (await attribute(c, securityGroupId)).permissions?.permission ?? [];
}

export async function instances(c: Ecs, extra: Record<string, unknown> = {}) {
  const res = await c.describeInstancesWithOptions(
    new $Ecs.DescribeInstancesRequest({ regionId: REGION, ...extra }),
    rt,
  );
  return res.body!;
}

export async function groups(c: Ecs, extra: Record<string, unknown> = {}) {
  const res = await c.describeSecurityGroupsWithOptions(
    new $Ecs.DescribeSecurityGroupsRequest({ regionId: REGION, ...extra }),
    rt,
  );
  return res.body!;
}
