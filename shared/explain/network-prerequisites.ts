import { vpcConnectionNeededMessage } from '../plan';
import type { Prerequisite } from './pairing-explanation';
import type { SideResolution } from './side-endpoint';

/**
 * What the network must provide before any security group rule matters: both ends in the pairing's
 * region, Running; and one VPC, or two VPCs joined by CEN, VPC peering or a VPN gateway. sg-pairing
 * cannot see those connections, so different VPCs are a warning naming both.
 */
export function networkPrerequisites(region: string, sides: readonly [SideResolution, SideResolution]): Prerequisite[] {
  const out: Prerequisite[] = [];
  const missing = sides.filter((s) => !s.ok && (s.code === 'NotFound' || s.code === 'AccountUnreadable'));
  out.push(
    missing.length === 0
      ? { code: 'SameRegion', status: 'ok', message: `both sides were found in ${region}` }
      : {
          code: 'SameRegion',
          status: missing.some((s) => !s.ok && s.code === 'NotFound') ? 'failed' : 'unknown',
          message: [...new Set(missing.map((s) => (s.ok ? '' : s.problem)))].join('; '),
        },
  );
  for (const s of sides) {
    if (!s.ok && (s.code === 'NotRunning' || s.code === 'NoAddress'))
      out.push({
        code: 'InstanceRunning',
        status: 'failed',
        message: s.problem,
        ...(s.instanceId ? { instanceId: s.instanceId } : {}),
      });
  }
  const [a, b] = sides.map((s) => s.endpoint.vpcId);
  if (a === undefined || b === undefined) {
    if (missing.length === 0)
      out.push({ code: 'SameVpc', status: 'unknown', message: 'the VPC of a side is unknown (no member was found)' });
  } else if (a === '' || b === '') {
    out.push({
      code: 'ClassicNetwork',
      status: 'warning',
      message:
        'a side is on the classic network: it reaches a VPC only through ClassicLink, which a security group cannot provide',
    });
  } else if (a === b) {
    out.push({ code: 'SameVpc', status: 'ok', message: `both sides are in ${a}`, vpcIds: [a] });
  } else {
    out.push({
      code: 'VpcConnectionNeeded',
      status: 'warning',
      message: vpcConnectionNeededMessage([a, b]),
      vpcIds: [a, b],
    });
  }
  return out;
}
