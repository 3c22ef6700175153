import { Sinks } from './sinks';
/**
 * The emulated cloud's state: accounts with keys and roles, VPCs, security groups with their rules,
 * instances, and the STS sessions handed out. Keyed by id; every resource names its owner account,
 * and handlers only ever see the resources of the calling account (or what that account may
 * legitimately reference, such as a group in a VPC shared with it).
 */
import type { ResourceDirectory } from './directory';
import type { PrefixList } from './prefix-lists';

export interface Role {
  name: string;
  /** account UIDs allowed to assume the role */
  trust: string[];
  externalId?: string;
  maxSessionDuration: number;
  /** optional RAM policy document; undefined = full access */
  policy?: unknown;
}

export interface Account {
  id: string;
  name: string;
  /** access key id -> secret */
  accessKeys: Map<string, string>;
  /** the keys of `accessKeys` that are the account's own (root) AccessKeys; every other key is a RAM user's */
  rootKeys?: ReadonlySet<string>;
  roles: Map<string, Role>;
}

export interface Vpc {
  id: string;
  owner: string;
  region: string;
  /** the primary CIDR block */
  cidr: string;
  /** secondary CIDR blocks (DescribeVpcs SecondaryCidrBlocks) */
  secondaryCidrs: string[];
  /** user CIDRs (DescribeVpcs UserCidrs) */
  userCidrs: string[];
  /** other accounts this VPC is shared with (resource sharing) */
  sharedWith: string[];
}

export interface Rule {
  ruleId: string;
  direction: 'ingress' | 'egress';
  /** as given, upper-cased the way the service reports it: TCP, UDP, ICMP, GRE, ALL, ICMPv6 */
  ipProtocol: string;
  portRange: string;
  sourceCidrIp: string;
  sourceGroupId: string;
  /** UID of the source group's owner ('' for cidr rules) */
  sourceGroupOwnerId: string;
  /** a prefix list source (SourcePrefixListId); absent or '' for every other source (models/prefix-lists.ts) */
  sourcePrefixListId?: string;
  destCidrIp: string;
  sourcePortRange: string;
  /** an IPv6 source (Ipv6SourceCidrIp, VPC groups only), as given; absent: none */
  ipv6SourceCidrIp?: string;
  /** egress: an IPv6 destination (Ipv6DestCidrIp), as given; absent: none */
  ipv6DestCidrIp?: string;
  /** egress: a destination group (DestGroupId) and its owner's UID; absent: none */
  destGroupId?: string;
  destGroupOwnerId?: string;
  nicType: 'intranet' | 'internet';
  policy: 'Accept' | 'Drop';
  priority: number;
  description: string;
  createTime: string;
  /** epoch ms from which Describe shows the rule (eventual-consistency fault) */
  visibleAt: number;
}

export interface SecurityGroup {
  id: string;
  owner: string;
  region: string;
  /** '' for a classic-network group */
  vpcId: string;
  type: 'normal' | 'enterprise';
  name: string;
  description: string;
  innerAccessPolicy: 'Accept' | 'Drop';
  rules: Rule[];
  creationTime: string;
  /** TagResources / UntagResources with ResourceType securitygroup */
  tags: Record<string, string>;
}

export type InstanceStatus = 'Pending' | 'Starting' | 'Running' | 'Stopping' | 'Stopped';

export interface Instance {
  id: string;
  owner: string;
  region: string;
  zoneId: string;
  vpcId: string;
  vSwitchId: string;
  /** primary private IP; '' while not yet assigned */
  privateIp: string;
  /** IPv6 addresses of its primary network interface (DescribeInstances Ipv6Sets); absent: none */
  ipv6Addresses?: string[];
  securityGroupIds: string[];
  tags: Record<string, string>;
  status: InstanceStatus;
  name: string;
  /** optional; DescribeInstances derives `iZ<id>Z` when absent */
  hostName?: string;
  creationTime: string;
}

/** Two VPCs joined by CEN, VPC peering or a VPN gateway (scenario `vpcConnections`): routed to each other. */
export interface VpcConnection {
  between: [string, string];
  kind: 'cen' | 'peering' | 'vpn';
}

/** One instance's part of a Cloud Assistant invocation (RunCommand); see models/invocations.ts. */
export interface InvocationResult {
  instanceId: string;
  /** the outcome, fixed when the command is sent; reported once the invocation has run */
  exitCode: number;
  output: string;
  startTime: string;
  finishedTime: string;
  /** the script outlived the command's Timeout: the agent killed it */
  timedOut?: boolean;
}

export interface Invocation {
  invokeId: string;
  commandId: string;
  owner: string;
  region: string;
  name: string;
  results: InvocationResult[];
  /** DescribeInvocationResults answers still to show it Running (world.invocationRunningPolls at creation) */
  runningPolls: number;
}

/** A Cloud Assistant command made by CreateCommand (models/commands.ts). */
export interface Command {
  commandId: string;
  owner: string;
  region: string;
  name: string;
  description: string;
  type: string;
  /** decoded */
  script: string;
  enableParameter: boolean;
  /** the custom parameters `{{name}}` of the script, as written (names are case-insensitive) */
  parameterNames: string[];
  timeoutSeconds: number;
  creationTime: string;
}

export interface Session {
  accessKeyId: string;
  secret: string;
  token: string;
  /** the account whose resources this session acts on */
  account: string;
  roleArn: string;
  sessionName: string;
  expiresAt: number;
}

export interface Caller {
  /** the account the call acts in */
  account: string;
  accessKeyId: string;
  /** set when the caller holds an assumed-role session */
  session?: Session;
  /** set when the caller signs with its account's own (root) AccessKey rather than a RAM user's */
  root?: boolean;
}

export class World {
  region = 'cn-qingdao';
  accounts = new Map<string, Account>();
  vpcs = new Map<string, Vpc>();
  groups = new Map<string, SecurityGroup>();
  instances = new Map<string, Instance>();
  sessions = new Map<string, Session>();
  /** prefix lists (CreatePrefixList) by id: models/prefix-lists.ts */
  prefixLists = new Map<string, PrefixList>();
  /** rules per group (ingress + egress), the documented default */
  maxRulesPerGroup = 200;
  /** distinct groups a normal group may reference */
  maxGroupReferences = 20;
  /** security groups one instance may be in (JoinSecurityGroup / RunInstances), the documented default */
  maxGroupsPerInstance = 5;
  /** emulator-only knob: RunInstances leaves new instances Pending with no private IP yet */
  launchWithoutIp = false;
  /** ClientToken idempotency records, keyed `${account}|${action}|${token}` */
  clientTokens = new Map<string, { fingerprint: string; response: Record<string, unknown> }>();
  /** VPC pairs routed to each other (CEN, peering, VPN); absent = only same-VPC traffic flows */
  vpcConnections: VpcConnection[] = [];
  /** Cloud Assistant invocations by InvokeId */
  invocations = new Map<string, Invocation>();
  /** emulator-only knob: how many DescribeInvocationResults answers show a new invocation Running */
  invocationRunningPolls = 1;
  /** Cloud Assistant commands (CreateCommand) by CommandId */
  commands = new Map<string, Command>();
  /**
   * emulator-only switch, a docs ambiguity (COVERAGE-ecs.md): a parameter of the command that
   * InvokeCommand does not pass is filled in empty ('empty', the InvokeCommand doc), or refused ('error')
   */
  missingCommandParameter: 'empty' | 'error' = 'empty';
  /**
   * emulator-only switch, a docs ambiguity (COVERAGE-ecs.md): DescribeSecurityGroups' SecurityGroupName
   * matches the whole name ('exact') or any name containing it ('contains')
   */
  groupNameMatch: 'exact' | 'contains' = 'exact';
  /** OSS buckets and EventBridge buses runs are delivered to (models/sinks.ts) */
  readonly sinks = new Sinks();
  /** the Resource Directory the accounts belong to (control API `/_emulator/directory`); none by default */
  directory?: ResourceDirectory;
  private counter = 0;

  /** A fresh id with the given prefix, e.g. `sg-`, `sgr-`, `i-`; deterministic for repeatable tests. */
  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}emu${this.counter.toString(36).padStart(8, '0')}`;
  }

  reset(): void {
    this.sinks.reset();
    this.accounts.clear();
    this.vpcs.clear();
    this.groups.clear();
    this.instances.clear();
    this.sessions.clear();
    this.prefixLists.clear();
    this.counter = 0;
    this.maxRulesPerGroup = 200;
    this.maxGroupReferences = 20;
    this.maxGroupsPerInstance = 5;
    this.launchWithoutIp = false;
    this.clientTokens.clear();
    this.vpcConnections = [];
    this.invocations.clear();
    this.invocationRunningPolls = 1;
    this.commands.clear();
    this.missingCommandParameter = 'empty';
    this.groupNameMatch = 'exact';
    this.directory = undefined;
  }

  /** Finds the account holding a long-lived access key. */
  accountOfKey(accessKeyId: string): Account | undefined {
    for (const a of this.accounts.values()) if (a.accessKeys.has(accessKeyId)) return a;
    return undefined;
  }

  /** The secret for a long-lived key or an STS session key. */
  secretOf(accessKeyId: string): string | undefined {
    const session = this.sessions.get(accessKeyId);
    if (session) return session.secret;
    return this.accountOfKey(accessKeyId)?.accessKeys.get(accessKeyId);
  }

  /** A group as the caller's account sees it: its own groups only. */
  ownGroup(account: string, groupId: string): SecurityGroup | undefined {
    const g = this.groups.get(groupId);
    return g && g.owner === account && g.region === this.region ? g : undefined;
  }

  ownInstance(account: string, instanceId: string): Instance | undefined {
    const i = this.instances.get(instanceId);
    return i && i.owner === account && i.region === this.region ? i : undefined;
  }

  /** Whether `account` may place resources in / reference groups of this VPC. */
  vpcUsableBy(vpc: Vpc, account: string): boolean {
    return vpc.owner === account || vpc.sharedWith.includes(account);
  }
}
