export {
  CanonicalRuleSchema,
  RulePeerSchema,
  ruleProtocols,
  type CanonicalRule,
  type CidrPeer,
  type GroupPeer,
  type Ipv6CidrPeer,
  type RuleProtocol,
  type RulePeer,
} from './canonical-rule';
export { canonicalizeRule, type RawPermission, type RuleHolder } from './canonicalize-rule';
export {
  checkGroupReference,
  computeDesiredRules,
  computePairingRules,
  defaultStrategy,
  type DeploymentRef,
  flowsOf,
  type PairingNote,
  type PairingRules,
} from './compute-desired-rules';
export {
  factKey,
  isMember,
  memberKey,
  type GroupFacts,
  type GroupType,
  type InstanceFacts,
  type VpcFacts,
  type MemberSelector,
  type RuleFacts,
} from './facts';
export { sideBlockReasons, type PairingBlock, type SideBlockReason } from './pairing-block';
export {
  describeTags,
  lookupGroup,
  lookupMembers,
  resolveMemberAddresses,
  resolveReceivers,
  resolveSource,
  type AppliedStrategy,
  type ReceiverEndpoint,
  type Resolution,
  type SourceEndpoint,
} from './resolve-side';
export {
  descriptionPrefix,
  parseRecordTagValue,
  parseRuleDescription,
  RECORD_TAG_VALUE,
  recordTagKey,
  recordTagValue,
  ruleDescription,
} from './rule-description';
export { compareRules, peerKey, ruleKey } from './rule-key';
export { dropRuleBlocks } from './rule-overlap';
export { familiesOf, familyPeers, NO_IPV6_ADDRESS, protocolsFor } from './ip-family';
export { addressPeerMatches, ruleTrafficIn, type IpFamily } from './family-match';
export { canonicalizeEgressRule } from './canonicalize-egress';
export { describeTraffic, intersect, subtract, trafficOf, type Segment, type Traffic } from './traffic';
export {
  findOwnedList,
  parsePrefixListDescription,
  pendingDescriptionOf,
  pendingPrefixListId,
  prefixListDescription,
  prefixListName,
  sizeMaxEntries,
  PREFIX_LIST_ENTRIES_PER_CALL,
  PREFIX_LIST_MAX_ENTRIES,
  type DesiredPrefixList,
  type OwnedPrefixList,
  type PrefixListFamily,
} from './prefix-list-rules';
export { inEvaluationOrder } from './evaluation-order';
export { computeSenderLists, namedReceivingGroups } from './sender-lists';
