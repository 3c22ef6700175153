import { chunk } from '../apply/chunk';
import type { EcsPort, GroupAttributes, InstanceSummary, VpcPort } from '../cloud/port';
import { withRetry, type RetryPolicy } from '../cloud/retry';
import { toSgPairingError } from '../errors';
import type { AccountFailure, ActualGroup, ActualInstance, ActualState, MembershipTarget, ReadTarget } from '../plan';
import { canonicalizeEgressRule, canonicalizeRule, factKey, type GroupType, type VpcFacts } from '../rules';

/**
 * VPC CIDR blocks by `<account>/<vpc>`, kept across runs where given (like group types), each for
 * VPC_CACHE_MS: a VPC's secondary CIDR blocks can be added and removed, so a block removed stops
 * admitting addresses within that time. A VPC not found is not remembered.
 */
export type VpcCache = Map<string, { readonly cidrs: readonly string[]; readonly readAt: number }>;
export const VPC_CACHE_MS = 10 * 60_000;

/** A call retried by the read's policy (retryable failures only; throttling waited out). */
export type RetriedCall = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * The one read of the cloud's facts, shared by reconcile's read (readActualState) and explain's
 * and verify's (readExplainState): the steps that read instances, list a side's members and read
 * groups (their type looked up beside their rules, and remembered), converted once, into one set
 * of maps; and the per-account fan-out that turns an account's failure into an AccountFailure.
 *
 * What a read may answer, the same for every caller:
 * - gone: a group the API answers InvalidSecurityGroupId.NotFound for (deleted between the reads,
 *   or never there), or an instance DescribeInstances does not return when asked for by id, is
 *   absent from `groups` / `instances` and its key is in `gone`: the plan or the diagnosis says it
 *   was not found, and the plan revokes the owned rules of a pairing whose side is gone (SourceGone).
 * - unreadable: any other failure, a refusal (Forbidden.RAM, NoPermission) included, fails the
 *   whole account with its code: what the operator must fix is named, never passed off as
 *   "not found". Only the account's pairings fail; the other accounts go on.
 */
export class FactReads {
  readonly instances: Record<string, ActualInstance> = {};
  readonly memberInstances: Record<string, ActualInstance[]> = {};
  readonly groups: Record<string, ActualGroup> = {};
  readonly vpcs: Record<string, VpcFacts> = {};
  readonly failures: AccountFailure[] = [];
  /** keys the API answered do not exist (see ActualState.gone) */
  readonly gone = new Set<string>();
  readonly call: RetriedCall;

  /** `types`: group types by `<account>/<group>`, kept across runs where given (a group's type never changes) */
  constructor(
    retry: RetryPolicy,
    readonly types: Map<string, GroupType> = new Map(),
    private readonly vpcCache: VpcCache = new Map(),
    private readonly now: () => number = Date.now,
  ) {
    this.call = <T>(fn: () => Promise<T>) => withRetry(fn, retry);
  }

  /** Each account is read on its own: one that fails becomes an AccountFailure, the others go on. */
  async forEachAccount<A extends { readonly accountId: string }>(
    accounts: readonly A[],
    read: (account: A) => Promise<void>,
  ): Promise<void> {
    await Promise.all(accounts.map((a) => read(a).catch((err: unknown) => this.fail(a.accountId, err))));
  }

  fail(accountId: string, err: unknown): void {
    const e = toSgPairingError(err, { account: accountId });
    this.failures.push({ accountId, code: e.code, message: e.message, retryable: e.retryable });
  }

  /** Instances by id, in batches of 100; one not found is absent. */
  async readInstances(ecs: EcsPort, targets: readonly ReadTarget[]): Promise<void> {
    const byId = new Map(targets.map((t) => [t.id, t]));
    await Promise.all(
      chunk([...byId.keys()]).map(async (ids) => {
        const found = await this.call(() => ecs.describeInstances(ids));
        for (const i of found) {
          const target = byId.get(i.instanceId);
          if (target) this.instances[target.key] = toActualInstance(target.accountId, target.region, i);
        }
        const returned = new Set(found.map((i) => i.instanceId));
        for (const id of ids.filter((x) => !returned.has(x))) this.gone.add((byId.get(id) as ReadTarget).key);
      }),
    );
  }

  /** The instances a group or tag side selects, every page. */
  async listMembers(ecs: EcsPort, target: MembershipTarget): Promise<void> {
    const filter =
      target.securityGroupId === undefined ? { tags: target.tags ?? {} } : { securityGroupId: target.securityGroupId };
    const listed = await this.call(() => ecs.listInstances(filter));
    this.memberInstances[target.key] = listed.map((i) => toActualInstance(target.accountId, target.region, i));
  }

  /** The types not known yet of these groups of one account, in batches of 100, remembered. */
  async lookUpTypes(ecs: EcsPort, accountId: string, targets: readonly ReadTarget[]): Promise<void> {
    const unknown = targets.filter((g) => !this.types.has(g.key)).map((g) => g.id);
    await Promise.all(
      chunk(unknown).map(async (ids) => {
        for (const g of await this.call(() => ecs.describeGroups(ids)))
          this.types.set(factKey(accountId, g.groupId), g.type);
      }),
    );
  }

  /**
   * The CIDR blocks of the VPCs of this account's instances and members read so far (not known yet):
   * from the cache while fresh, else DescribeVpcs (20 ids a call). A VPC not found stays absent,
   * and its members' addresses are refused (rules/admit-member-addresses.ts).
   */
  async readVpcs(vpc: VpcPort, accountId: string): Promise<void> {
    const listed = [...Object.values(this.instances), ...Object.values(this.memberInstances).flat()];
    const ids = new Set(listed.filter((i) => i.accountId === accountId && i.vpcId !== '').map((i) => i.vpcId));
    const unknown: string[] = [];
    for (const vpcId of ids) {
      const key = factKey(accountId, vpcId);
      const cached = this.vpcCache.get(key);
      if (this.vpcs[key] !== undefined) continue;
      if (cached !== undefined && this.now() - cached.readAt < VPC_CACHE_MS)
        this.vpcs[key] = { vpcId, cidrs: cached.cidrs };
      else unknown.push(vpcId);
    }
    if (unknown.length === 0) return;
    const readAt = this.now();
    for (const v of await this.call(() => vpc.describeVpcs(unknown.sort()))) {
      if (!unknown.includes(v.vpcId)) continue;
      const key = factKey(accountId, v.vpcId);
      this.vpcs[key] = { vpcId: v.vpcId, cidrs: v.cidrBlocks };
      this.vpcCache.set(key, { cidrs: v.cidrBlocks, readAt });
    }
  }

  /**
   * One group's rules. Run beside its type lookup (one round trip, not two): a group the lookup
   * does not find is one its rules read answers NotFound for, and is simply absent.
   */
  async readGroup(ecs: EcsPort, target: ReadTarget, typesRead: Promise<unknown>): Promise<void> {
    const attributes = await this.call(() => readUnlessGone(ecs, target.id));
    await typesRead;
    if (attributes) this.groups[target.key] = toActualGroup(target, this.types.get(target.key) ?? 'normal', attributes);
    else this.gone.add(target.key);
  }

  /** Groups of one account with the types of those `typed` selects, looked up beside the rules. */
  async readGroups(
    ecs: EcsPort,
    accountId: string,
    targets: readonly ReadTarget[],
    typed: (target: ReadTarget) => boolean = () => true,
  ): Promise<void> {
    const typesRead = this.lookUpTypes(ecs, accountId, targets.filter(typed));
    await Promise.all([typesRead, ...targets.map((g) => this.readGroup(ecs, g, typesRead))]);
  }

  /** What was read; an account that failed midway may have left partial reads: its pairings fail on the failure. */
  state(): ActualState {
    return {
      groups: this.groups,
      instances: this.instances,
      memberInstances: this.memberInstances,
      vpcs: this.vpcs,
      accountFailures: [...this.failures].sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
      gone: [...this.gone].sort(),
    };
  }
}

/** The read's region is the resource's: the ports read in the deployment's region, as the target names it. */
export function toActualInstance(accountId: string, region: string, i: InstanceSummary): ActualInstance {
  return {
    accountId,
    instanceId: i.instanceId,
    status: i.status,
    privateIp: i.privateIp || undefined,
    ...(i.ipv6Addresses === undefined || i.ipv6Addresses.length === 0 ? {} : { ipv6Addresses: i.ipv6Addresses }),
    vpcId: i.vpcId,
    securityGroupIds: i.securityGroupIds,
    regionId: region,
  };
}

export function toActualGroup(target: ReadTarget, type: GroupType, attributes: GroupAttributes): ActualGroup {
  const holder = { accountId: target.accountId, groupId: target.id };
  const ingress = attributes.permissions.filter((p) => p.Direction.toLowerCase() === 'ingress');
  const egress = attributes.permissions.filter((p) => p.Direction.toLowerCase() === 'egress');
  // sources and destinations both count against the group-reference quota (AuthorizeSecurityGroup notes)
  const referenced = new Set(
    attributes.permissions.flatMap((p) => [p.SourceGroupId, p.DestGroupId ?? '']).filter((id) => id !== ''),
  );
  return {
    accountId: target.accountId,
    groupId: target.id,
    vpcId: attributes.vpcId,
    type,
    innerAccessPolicy: attributes.innerAccessPolicy,
    regionId: target.region,
    rules: ingress.map((p) => canonicalizeRule(p, holder)),
    egressRules: egress.map((p) => canonicalizeEgressRule(p, holder)),
    ruleCount: attributes.permissions.length,
    referencedGroupCount: referenced.size,
  };
}

/** Gone (see FactReads) is absent; anything else is thrown. */
async function readUnlessGone(ecs: EcsPort, groupId: string): Promise<GroupAttributes | undefined> {
  try {
    return await ecs.readGroupAttributes(groupId);
  } catch (err) {
    if ((err as { code?: string }).code === 'InvalidSecurityGroupId.NotFound') return undefined;
    throw err;
  }
}
