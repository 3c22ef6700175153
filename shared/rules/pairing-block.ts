/** Why a pairing cannot be reconciled now: a CamelCase reason, a message, and the resource at fault. */
export interface PairingBlock {
  readonly reason: string;
  readonly message: string;
  readonly accountId?: string;
  readonly groupId?: string;
  readonly instanceId?: string;
}

/** Reasons found while computing desired rules (the plan adds capacity and account reasons). */
export const sideBlockReasons = [
  'InstanceNotFound',
  'InstanceNotRunning',
  'InstanceWithoutPrivateIp',
  'InstanceWithoutGroup',
  'InstanceNotInGroup',
  'GroupNotFound',
  'RegionMismatch',
  'CrossVpcGroupReference',
  'EnterpriseGroupReference',
  'SelfGroupReference',
  'MembersNotRead',
  'InstanceWithoutIpv6',
  'PrefixListClassicGroup',
  'PrefixListCrossAccount',
  'PrefixListTooManyMembers',
] as const;

export type SideBlockReason = (typeof sideBlockReasons)[number];

export function block(
  reason: SideBlockReason,
  message: string,
  at: Omit<PairingBlock, 'reason' | 'message'> = {},
): PairingBlock {
  return { reason, message, ...at };
}
