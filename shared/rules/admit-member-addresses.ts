import type { PairingSide } from '../config';
import type { ErrorCode } from '../error-codes';
import { checkMemberAddress, describeRefusal, type AddressRefusal } from '../net';
import { factKey, type InstanceFacts, type RuleFacts } from './facts';

/** The note (plan warning) of each refused member. */
export const ADDRESS_NOT_ALLOWED = 'AddressNotAllowed' satisfies ErrorCode;

/** A member whose address is not written into the other side's rules, and why. */
export interface RefusedAddress {
  readonly accountId: string;
  readonly instanceId: string;
  readonly address: string;
  readonly refusal: AddressRefusal;
}

/**
 * Pure: the members whose primary private address may be opened in the other side's groups, and
 * the others. An address must lie in the private ranges or in the side's or account's declared
 * `allowedMemberRanges`, and within the CIDR blocks of its VPC as read (facts.vpcs): a member of
 * one account never chooses what another account's group opens.
 */
export function admitMemberAddresses(
  side: PairingSide,
  members: readonly InstanceFacts[],
  facts: RuleFacts,
): { admitted: InstanceFacts[]; refused: RefusedAddress[] } {
  const admitted: InstanceFacts[] = [];
  const refused: RefusedAddress[] = [];
  for (const member of members) {
    const address = member.privateIp ?? '';
    const refusal = checkMemberAddress(address, {
      declared: side.allowedMemberRanges ?? [],
      vpcCidrs: vpcCidrsOf(member, facts),
      vpcId: member.vpcId,
    });
    if (refusal === undefined) admitted.push(member);
    else refused.push({ accountId: member.accountId, instanceId: member.instanceId, address, refusal });
  }
  return { admitted, refused };
}

/** The member's VPC's blocks; null when looked for and not found; undefined when not checked (classic, or not read). */
function vpcCidrsOf(member: InstanceFacts, facts: RuleFacts): readonly string[] | null | undefined {
  if (facts.vpcs === undefined || member.vpcId === '') return undefined;
  return facts.vpcs[factKey(member.accountId, member.vpcId)]?.cidrs ?? null;
}

/** One line for the plan and the report: the instance, its account and why, and that it is not opened. */
export function describeRefusedAddress(r: RefusedAddress): string {
  return `address ${r.address} of instance ${r.instanceId} in account ${r.accountId} ${describeRefusal(r.refusal)}: not opened to the other side`;
}
